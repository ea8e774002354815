package invoices

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"backoffice/internal/apidoc"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/httpx"
	"backoffice/internal/problem"
)

// SettingsBody is PUT /customers/{id}/invoice-settings.
type SettingsBody struct {
	Grouping        string  `json:"grouping" validate:"required,oneof=one per_agreement"`
	PaymentTermDays *int    `json:"payment_term_days" validate:"omitempty,min=0,max=365"`
	BillingContact  string  `json:"billing_contact" validate:"max=200"`
	BillingEmail    *string `json:"billing_email" validate:"omitempty,email"`
}

// SaveSettings stores how a customer is invoiced (grouping, payment term, billing
// contact and address override).
func (s *Service) SaveSettings(ctx context.Context, customerID int64, in SettingsBody) (*Settings, error) {
	now := s.Clock.Now()
	var out *Settings
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := getCustomer(ctx, tx, customerID); err != nil {
			return err
		}
		before, err := getSettings(ctx, tx, customerID)
		if err != nil {
			return err
		}
		st := &Settings{CustomerID: customerID, Grouping: in.Grouping, PaymentTermDays: in.PaymentTermDays,
			BillingContact: strings.TrimSpace(in.BillingContact), BillingEmail: in.BillingEmail, UpdatedAt: now}
		if st.BillingEmail != nil && strings.TrimSpace(*st.BillingEmail) == "" {
			st.BillingEmail = nil
		}
		if err := saveSettings(ctx, tx, st); err != nil {
			return err
		}
		out = st
		return audit.Record(ctx, tx, now, "invoice_settings", customerID, "save", audit.Diff(before, st))
	})
	return out, err
}

// GetSettings reads a customer's invoice settings (defaults when none were saved).
func (s *Service) GetSettings(ctx context.Context, customerID int64) (*Settings, error) {
	return getSettings(ctx, s.DB, customerID)
}

func (m *Module) settingsRoutes(r *apidoc.Router, staff fiber.Handler) {
	r.Put("/customers/:id/invoice-settings", apidoc.Op{Summary: "How a customer is invoiced: grouping one|per_agreement, payment term (INV-2), billing contact", Tag: "invoices",
		Body: SettingsBody{}, Response: SettingsBody{}}, staff, m.putSettings)
	r.Get("/customers/:id/invoice-settings", apidoc.Op{Summary: "A customer's invoice settings", Tag: "invoices", Response: SettingsBody{}}, auth.Require(), m.getSettings)
}

func settingsOut(st *Settings) SettingsBody {
	return SettingsBody{Grouping: st.Grouping, PaymentTermDays: st.PaymentTermDays, BillingContact: st.BillingContact, BillingEmail: st.BillingEmail}
}

func (m *Module) putSettings(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	var in SettingsBody
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	st, err := m.svc.SaveSettings(c.UserContext(), id, in)
	if err != nil {
		return err
	}
	return c.JSON(settingsOut(st))
}

func (m *Module) getSettings(c *fiber.Ctx) error {
	id, err := httpx.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := auth.Guard(auth.From(c), id); err != nil {
		return problem.NotFound("customer")
	}
	st, err := m.svc.GetSettings(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(settingsOut(st))
}
