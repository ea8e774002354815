package db

import "reflect"

// DirectPlans counts the statements of model type t the direct scan took and those it
// left to bun.
func DirectPlans(t reflect.Type) (taken, refused int) {
	plans.Range(func(k, v any) bool {
		if k.(planKey).t == t {
			if v.(*scanPlan) != nil {
				taken++
			} else {
				refused++
			}
		}
		return true
	})
	return taken, refused
}

// SetMaxPlans sets the direct scan's plan cache bound and returns the previous one.
func SetMaxPlans(n int64) int64 { old := maxPlans; maxPlans = n; return old }
