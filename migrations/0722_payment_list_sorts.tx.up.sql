-- The sorts the payment list offers (internal/listq): each a (key, id) index.
CREATE INDEX payments_received_on_idx ON payments (received_on, id);
CREATE INDEX payments_amount_idx ON payments (amount, id);
