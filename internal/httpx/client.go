package httpx

import (
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Proxies is the set of reverse proxies whose forwarding headers are believed
// (BACKOFFICE_TRUSTED_PROXIES).
type Proxies struct{ nets []*net.IPNet }

// ParseProxies reads CIDRs or single IPs (validated by config).
func ParseProxies(list []string) Proxies {
	var p Proxies
	for _, s := range list {
		if !strings.Contains(s, "/") {
			if ip := net.ParseIP(s); ip != nil {
				bits := 128
				if ip.To4() != nil {
					bits, ip = 32, ip.To4()
				}
				p.nets = append(p.nets, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			}
			continue
		}
		if _, n, err := net.ParseCIDR(s); err == nil {
			p.nets = append(p.nets, n)
		}
	}
	return p
}

// Trusted reports whether ip is one of the proxies.
func (p Proxies) Trusted(ip net.IP) bool {
	for _, n := range p.nets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// Contains reports whether the textual address is in the set.
func (p Proxies) Contains(addr string) bool {
	ip := net.ParseIP(strings.TrimSpace(addr))
	return ip != nil && p.Trusted(ip)
}

// ClientAddress is the client's address: the peer, or — when the peer is a trusted proxy —
// the right-most address in X-Forwarded-For that is not itself a trusted proxy (the
// left-most entries are whatever the client chose to send). The result is a fresh string,
// safe to keep after the request.
func (p Proxies) ClientAddress(c *fiber.Ctx) string {
	peer := c.Context().RemoteIP()
	if len(p.nets) == 0 || !p.Trusted(peer) {
		return peer.String()
	}
	hops := strings.Split(string(c.Request().Header.Peek(fiber.HeaderXForwardedFor)), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		if ip == nil {
			break
		}
		if !p.Trusted(ip) {
			return ip.String()
		}
	}
	return peer.String()
}

const (
	localClientIP = "httpx.client_ip"
	localHTTPS    = "httpx.https"
)

// ClientIP is the client's address resolved by the server's proxy middleware (falls
// back to the peer address).
func ClientIP(c *fiber.Ctx) string {
	if s, ok := c.Locals(localClientIP).(string); ok {
		return s
	}
	return c.Context().RemoteIP().String()
}

// IsHTTPS reports whether the client reached us over HTTPS: TLS here, the public URL
// says https, or a trusted proxy said X-Forwarded-Proto: https.
func IsHTTPS(c *fiber.Ctx) bool {
	b, _ := c.Locals(localHTTPS).(bool)
	return b
}

// ClientMiddleware records the client's address and scheme for ClientIP and IsHTTPS.
func ClientMiddleware(p Proxies, publicHTTPS bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Locals(localClientIP, p.ClientAddress(c))
		https := publicHTTPS || c.Context().IsTLS()
		if !https && p.Trusted(c.Context().RemoteIP()) {
			proto := strings.ToLower(strings.TrimSpace(string(c.Request().Header.Peek(fiber.HeaderXForwardedProto))))
			proto, _, _ = strings.Cut(proto, ",")
			https = proto == "https"
		}
		c.Locals(localHTTPS, https)
		return c.Next()
	}
}
