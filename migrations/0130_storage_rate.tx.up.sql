-- HW-2: stored goods are charged per started week at the standard rate.
INSERT INTO standard_rates (sku, description, kind, unit, unit_price, vat_rate, updated_at)
VALUES ('STORAGE-WEEK', 'Storage of refused or undeliverable goods, per delivery per started week', 'service', 'week', 25.00, 21, now())
ON CONFLICT (sku) DO NOTHING;
