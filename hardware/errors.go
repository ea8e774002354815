package hardware

import "backoffice/internal/problem"

// Domain errors with their stable codes.
var (
	ErrSKUTaken             = problem.Conflict("sku_taken", "another product has this SKU")
	ErrSerialTaken          = problem.Conflict("serial_taken", "an item of this product already has this serial")
	ErrDeliveryState        = problem.Conflict("delivery_state", "the delivery is not in a state that allows this")
	ErrDeliveryTerminated   = problem.Conflict("delivery_terminated", "the delivery was terminated and cannot be delivered")
	ErrNotDeliveredCustomer = problem.New(422, "not_delivered_to_customer", "the item was not delivered to this customer")
	ErrRMAState             = problem.Conflict("rma_state", "the RMA is not in a state that allows this")
	ErrOrderUnknown         = problem.New(422, "order_unknown", "no accepted order with hardware lines is known for this id")
)
