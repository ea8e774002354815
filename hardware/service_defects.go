package hardware

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/events"
	"backoffice/internal/problem"
	"backoffice/internal/uploads"
)

// DefectIn is the body of POST /api/v1/defect-reports.
type DefectIn struct {
	ItemID       int64      `json:"item_id" validate:"required"`
	Kind         string     `json:"kind" validate:"required,oneof=visible hidden"`
	Description  string     `json:"description" validate:"required,max=10000"`
	DiscoveredAt *time.Time `json:"discovered_at"`
	// ReportedAt is when the report reached us (staff only, not in the future).
	ReportedAt *time.Time `json:"reported_at"`
}

// UploadKindDefect owns the attachments of a defect report.
const UploadKindDefect = "defect_report"

// ReportDefect records a defect report with its verdict (HW-5): in time or not, the
// deadline, and for a late report that all claims about the defect are lost. A late
// report is recorded all the same; a ticket is opened through defect.reported.
func (s *Service) ReportDefect(ctx context.Context, in DefectIn, files []uploads.File) (*DefectReport, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	cal, err := s.cal(ctx)
	if err != nil {
		return nil, err
	}
	var r *DefectReport
	err = s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		it, err := getItem(ctx, tx, in.ItemID, false)
		if err != nil {
			return err
		}
		if err := auth.Guard(p, it.CustomerID); err != nil {
			return err
		}
		var f problem.Fields
		reported := now
		if in.ReportedAt != nil {
			switch {
			case !p.IsStaff():
				f.Add("reported_at", "only the desk records when a report came in; leave it out")
			case in.ReportedAt.After(now):
				f.Add("reported_at", "must not be in the future")
			default:
				reported = in.ReportedAt.UTC()
			}
		}
		if reported.Before(it.DeliveredAt) {
			f.Add("reported_at", "is before the item was delivered")
		}
		disc := reported
		if in.DiscoveredAt != nil {
			switch {
			case in.DiscoveredAt.After(now):
				f.Add("discovered_at", "must not be in the future")
			case in.DiscoveredAt.Before(it.DeliveredAt):
				f.Add("discovered_at", "must not be before the delivery")
			case in.DiscoveredAt.After(reported):
				f.Add("discovered_at", "must not be after the report")
			default:
				disc = in.DiscoveredAt.UTC()
			}
		}
		desc := strings.TrimSpace(in.Description)
		if desc == "" {
			f.Add("description", "is required: describe the defect and why, in writing with reasons")
		}
		if in.Kind != Visible && in.Kind != Hidden {
			f.Add("kind", "must be visible or hidden")
		}
		if err := f.Err(); err != nil {
			return err
		}
		v := Inspect(cal, in.Kind, it.DeliveredAt, disc, reported)
		r = &DefectReport{ItemID: it.ID, ItemSerial: it.Serial, CustomerID: it.CustomerID, Kind: in.Kind, Description: desc,
			ReportedAt: reported, Deadline: v.Deadline.UTC(), InTime: v.InTime, CreatedAt: now}
		if p.UserID > 0 {
			r.ReporterID = &p.UserID
		}
		if in.Kind == Hidden {
			r.DiscoveredAt = &disc
		}
		if !v.InTime {
			r.ClaimsLostReason = &v.LostReason
		}
		if err := insertDefect(ctx, tx, r); err != nil {
			return err
		}
		if len(files) > 0 {
			if _, err := uploads.Save(ctx, tx, now, uploads.Owner{Kind: UploadKindDefect, ID: r.ID, CustomerID: &r.CustomerID}, p.UserID, files); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, now, "hw_defect_report", r.ID, "report", map[string]any{"item_id": it.ID, "kind": r.Kind,
			"in_time": r.InTime, "deadline": r.Deadline, "attachments": len(files)}); err != nil {
			return err
		}
		serial := ""
		if it.Serial != nil {
			serial = *it.Serial
		}
		_, err = events.Publish(ctx, tx, now, events.DefectReported, "defect_report", r.ID, events.DefectReportedPayload{
			ReportID: r.ID, ItemID: it.ID, CustomerID: it.CustomerID, ReporterID: r.ReporterID, Serial: serial,
			Product: it.Product.Name, Kind: r.Kind, Description: r.Description, InTime: r.InTime, ReportedAt: r.ReportedAt})
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Defect loads a report the principal may see.
func (s *Service) Defect(ctx context.Context, id int64) (*DefectReport, error) {
	p := auth.FromContext(ctx)
	r, err := getDefect(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	return r, auth.Guard(p, r.CustomerID)
}

// Defects lists a page of reports, newest first (of one item when ItemID > 0).
func (s *Service) Defects(ctx context.Context, f PageFilter) ([]DefectReport, error) {
	var rs []DefectReport
	err := s.DefectsInto(ctx, f, &rs)
	return rs, err
}

// DefectsInto is Defects into *rs (a pooled page, see db.RowPool).
func (s *Service) DefectsInto(ctx context.Context, f PageFilter, rs *[]DefectReport) error {
	p := auth.FromContext(ctx)
	if f.Limit <= 0 || f.Limit > 201 {
		f.Limit = 201
	}
	return listDefects(ctx, s.DB, p, f, rs)
}

// Attach adds files to a report the principal may see.
func (s *Service) Attach(ctx context.Context, id int64, files []uploads.File) ([]uploads.Upload, error) {
	p := auth.FromContext(ctx)
	r, err := s.Defect(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, uploads.ErrNoFile
	}
	now := s.Clock.Now()
	var out []uploads.Upload
	return out, s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if out, err = uploads.Save(ctx, tx, now, uploads.Owner{Kind: UploadKindDefect, ID: r.ID, CustomerID: &r.CustomerID}, p.UserID, files); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "hw_defect_report", r.ID, "attach", map[string]any{"files": len(files)})
	})
}

// Attachments lists a report's files (the caller checked access).
func (s *Service) Attachments(ctx context.Context, id int64) ([]uploads.Upload, error) {
	return uploads.List(ctx, s.DB, UploadKindDefect, id)
}

// Attachment loads one file of a report the principal may see.
func (s *Service) Attachment(ctx context.Context, id, fileID int64) (*uploads.Upload, error) {
	if _, err := s.Defect(ctx, id); err != nil {
		return nil, err
	}
	return uploads.Get(ctx, s.DB, UploadKindDefect, id, fileID)
}
