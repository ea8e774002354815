DROP INDEX hw_rmas_status_idx;
DROP INDEX hw_defect_reports_deadline_idx;
DROP INDEX hw_defect_reports_reported_idx;
DROP INDEX hw_items_delivered_idx;
DROP INDEX hw_deliveries_planned_idx;
