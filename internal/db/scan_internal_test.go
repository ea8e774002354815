package db

import (
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// TestPointerToMatchesReflect: the direct scan's targets are the very interface values
// reflect.NewAt(T, p).Interface() gives (same dynamic type, same pointer), for the field
// types it fills.
func TestPointerToMatchesReflect(t *testing.T) {
	var row struct {
		ID     int64
		Name   string
		Note   *string
		At     time.Time
		Amount decimal.Decimal
		On     *civil.Date
		OK     bool
	}
	base := reflect.ValueOf(&row).Elem()
	for i := range base.NumField() {
		f := base.Type().Field(i)
		p := unsafe.Add(unsafe.Pointer(&row), f.Offset)
		got, want := pointerTo(typeWord(f.Type), p), reflect.NewAt(f.Type, p).Interface()
		if got != want || reflect.TypeOf(got) != reflect.PointerTo(f.Type) {
			t.Errorf("%s: pointerTo gives %T %v, reflect %T %v", f.Name, got, got, want, want)
		}
	}
	// and writing through it fills the field
	*pointerTo(typeWord(reflect.TypeFor[string]()), unsafe.Pointer(&row.Name)).(*string) = "Acme"
	if row.Name != "Acme" {
		t.Errorf("write through pointerTo: %q", row.Name)
	}
}
