-- The sorts the hardware lists offer (internal/listq): each is a (key, id) index, read
-- forwards or backwards, so every offered sort is an index scan at any size.
CREATE INDEX hw_deliveries_planned_idx ON hw_deliveries (planned_on, id);
CREATE INDEX hw_items_delivered_idx ON hw_items (delivered_at, id);
CREATE INDEX hw_defect_reports_reported_idx ON hw_defect_reports (reported_at, id);
CREATE INDEX hw_defect_reports_deadline_idx ON hw_defect_reports (deadline, id);
CREATE INDEX hw_rmas_status_idx ON hw_rmas (status, id);
