package web

import "github.com/gofiber/fiber/v2"

// ConfirmField is the form field a destructive action needs (issue 13): the final
// button inside a confirmation (`<button name="confirm" value="yes">`) or a ticked
// checkbox named confirm. Without it the server changes nothing, so a destructive post
// is confirmed with and without JavaScript, and not only by the browser.
const ConfirmField = "confirm"

// Confirmed reports whether a destructive form post carries its confirmation.
func Confirmed(c *fiber.Ctx) bool {
	v := c.FormValue(ConfirmField)
	return v == "yes" || v == "on"
}

// NotConfirmed answers an unconfirmed destructive post: back to the page with a
// message, nothing changed.
func NotConfirmed(c *fiber.Ctx, back string) error {
	return Redirect(c, back, Tr(c, "layout.not_confirmed"))
}
