package orders

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// quoteNumbers lets two quote creates of this process draw their number at a time
// (db.NumberGate): eight at once queued backends on the counter row, p99 54 ms.
var quoteNumbers = db.NewNumberGate(2)

// CreateQuote validates and stores a new draft with the next number of the year.
// It returns the quote as GET /quotes/{id} shows it, from what the inserts returned,
// without reading it again (issue 14).
func (s *Service) CreateQuote(ctx context.Context, q *Quote) (*Quote, error) {
	now := s.now()
	q.Status, q.Version, q.CreatedAt, q.CreatedBy = QuoteDraft, 1, now, actorID(ctx)
	var out *Quote
	err := quoteNumbers.Do(ctx, func() error {
		return s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if err := s.checkDraft(ctx, tx, q); err != nil {
				return err
			}
			// The number is drawn in the statement that inserts the quote and its lines, and
			// its counter row stays locked until commit, serialising every create: only the
			// audit entry, which needs the number, follows it (issue 14).
			var err error
			out, err = insertNewQuote(ctx, tx, q, now, s.today(now).Year)
			if err != nil {
				return err
			}
			return record(ctx, tx, now, "quote", q.ID, "create", map[string]any{"number": q.Number, "customer_id": q.CustomerID, "lines": len(q.Lines)})
		})
	})
	if err != nil {
		return nil, err
	}
	if err := visible(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// checkDraft runs the domain validation plus the checks that need the database (the
// customer exists, the contact is one of its active contacts, the index series exists),
// and sets q.CustomerName.
func (s *Service) checkDraft(ctx context.Context, tx bun.IDB, q *Quote) error {
	err := ValidateQuote(q, s.today(s.now()))
	var fe fieldErrors
	fe.Merge(err)
	series := ""
	if q.Indexation.Method == IndexBySeries {
		series = q.Indexation.SeriesCode
	}
	name, seriesOK, err := draftRefs(ctx, tx, q.CustomerID, series)
	if err != nil {
		return err
	}
	if q.CustomerID > 0 && name == nil {
		fe.add("customer_id", "customer %d does not exist", q.CustomerID)
	}
	if name != nil {
		q.CustomerName = *name
		if q.ContactID != nil {
			r, err := accounts.MailRecipient(ctx, tx, q.CustomerID, q.ContactID)
			if err != nil {
				return err
			}
			if r.ContactID != *q.ContactID {
				fe.add("contact_id", "user %d is not an active contact person of customer %d", *q.ContactID, q.CustomerID)
			}
		}
	}
	if !seriesOK {
		fe.add("indexation.series", "index series %q does not exist", q.Indexation.SeriesCode)
	}
	if err := fe.err(); err != nil {
		return err
	}
	return nil
}

// UpdateQuote replaces a draft's content (PATCH semantics are resolved by the API layer,
// which starts from the stored draft). Only drafts change.
func (s *Service) UpdateQuote(ctx context.Context, id int64, apply func(q *Quote) error) (*Quote, error) {
	now := s.now()
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := getQuote(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := q.CheckEditable(); err != nil {
			return err
		}
		before := summary(q)
		if err := apply(q); err != nil {
			return err
		}
		if err := s.checkDraft(ctx, tx, q); err != nil {
			return err
		}
		if err := saveQuote(ctx, tx, q, now); err != nil {
			return err
		}
		if err := replaceQuoteLines(ctx, tx, q); err != nil {
			return err
		}
		return record(ctx, tx, now, "quote", q.ID, "update", map[string]any{"before": before, "after": summary(q)})
	})
	if err != nil {
		return nil, err
	}
	return s.GetQuote(ctx, id)
}

func summary(q *Quote) map[string]any {
	t := ComputeTotals(q.Lines)
	return map[string]any{"title": q.Title, "valid_days": q.ValidDays, "start_date": q.StartDate.String(),
		"lines": len(q.Lines), "net": t.Net.StringFixed(2), "cancellable": q.Cancellable}
}

// GetQuote reads a quote with its derived status; customer users only their own.
func (s *Service) GetQuote(ctx context.Context, id int64) (*Quote, error) {
	q, err := getQuote(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	if err := visible(ctx, q); err != nil {
		return nil, err
	}
	return q, nil
}

// QuoteWithVersions is GetQuote plus every version of its number, oldest first (the
// quote page links the versions: "version 2 of 3", which one is current or accepted).
func (s *Service) QuoteWithVersions(ctx context.Context, id int64) (*Quote, []QuoteVersion, error) {
	q, err := s.GetQuote(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	vs, err := quoteVersions(ctx, s.DB, q.Number)
	return q, vs, err
}

// visible is the rule of who sees a quote: staff see every quote; a customer contact sees
// the quotes of its own company that were offered to it — a draft is 404 for a customer,
// like a foreign record (listQuotes applies the same rule in its query).
func visible(ctx context.Context, q *Quote) error {
	if err := guard(ctx, q.CustomerID, fmt.Sprintf("quote %d", q.ID)); err != nil {
		return err
	}
	if p := auth.FromContext(ctx); p != nil && !p.IsStaff() && q.Status == QuoteDraft {
		return errNotOffered(q.ID)
	}
	return nil
}

// ListQuotes lists quote versions, newest first, with their stored totals.
func (s *Service) ListQuotes(ctx context.Context, f QuoteFilter) ([]*Quote, error) {
	f.Today = s.today(s.now())
	f.Principal = auth.FromContext(ctx)
	return listQuotes(ctx, s.DB, f)
}

// transition loads and locks a quote, guards tenancy, applies change and saves it with an
// audit entry; after runs inside the same transaction (mail, order creation).
func (s *Service) transition(ctx context.Context, id int64, action string, change func(q *Quote) error,
	after func(ctx context.Context, tx bun.Tx, q *Quote) error) (*Quote, error) {
	now := s.now()
	var saved *Quote
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		q, err := getQuote(ctx, tx, id, true)
		if err != nil {
			return err
		}
		saved = q
		if err := visible(ctx, q); err != nil {
			return err
		}
		from := q.EffectiveStatus(now)
		if err := change(q); err != nil {
			return err
		}
		if err := saveQuote(ctx, tx, q, now); err != nil {
			return err
		}
		if err := record(ctx, tx, now, "quote", q.ID, action, map[string]any{"status": map[string]any{"from": from, "to": q.Status}}); err != nil {
			return err
		}
		if after != nil {
			return after(ctx, tx, q)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return saved, nil // as saved in the transaction: not read again
}

// SendQuote sends a draft: sent_at now, valid until the Amsterdam date + valid_days,
// and mails the customer a link to the portal.
func (s *Service) SendQuote(ctx context.Context, id int64) (*Quote, error) {
	now := s.now()
	return s.transition(ctx, id, "send", func(q *Quote) error { return q.Send(now) },
		func(ctx context.Context, tx bun.Tx, q *Quote) error { return s.mailQuoteSent(ctx, tx, q, now) })
}

// DeclineQuote records the customer's refusal.
func (s *Service) DeclineQuote(ctx context.Context, id int64, reason string) (*Quote, error) {
	now := s.now()
	return s.transition(ctx, id, "decline", func(q *Quote) error { return q.Decline(reason, now) }, nil)
}

// WithdrawQuote takes a quote back.
func (s *Service) WithdrawQuote(ctx context.Context, id int64) (*Quote, error) {
	now := s.now()
	return s.transition(ctx, id, "withdraw", func(q *Quote) error { return q.Withdraw(now) }, nil)
}

// ReviseQuote supersedes a quote with a new draft version under the same number.
func (s *Service) ReviseQuote(ctx context.Context, id int64) (*Quote, error) {
	now := s.now()
	var next *Quote
	_, err := s.transition(ctx, id, "revise", func(q *Quote) error {
		n, err := q.Revise(now)
		next = n
		return err
	}, func(ctx context.Context, tx bun.Tx, q *Quote) error {
		next.CreatedBy = actorID(ctx)
		if next.CreatedBy == 0 {
			next.CreatedBy = q.CreatedBy
		}
		if err := insertQuote(ctx, tx, next, now); err != nil {
			return err
		}
		return record(ctx, tx, now, "quote", next.ID, "create", map[string]any{"number": next.Number, "version": next.Version, "revises": q.ID})
	})
	if err != nil {
		return nil, err
	}
	return s.GetQuote(ctx, next.ID)
}

// AcceptResult is what an acceptance produced.
type AcceptResult struct {
	Quote    *Quote
	Order    *Order
	Contract *Contract // nil without recurring lines
}

// AcceptQuote records the acceptance and, in the same transaction,
// creates the order (Q-4..Q-6) and the contract of the recurring lines, and queues
// the confirmation e-mail. The quote row lock makes concurrent accepts serialise:
// exactly one wins, the others see accepted (409).
func (s *Service) AcceptQuote(ctx context.Context, id int64, r AcceptRequest) (*AcceptResult, error) {
	now := s.now()
	r.UserID = actorID(ctx)
	res := &AcceptResult{}
	q, err := s.transition(ctx, id, "accept", func(q *Quote) error { return q.Accept(r, now) },
		func(ctx context.Context, tx bun.Tx, q *Quote) error {
			if err := keepSignedCopy(ctx, tx, q, r.Signed, now); err != nil {
				return err
			}
			o, c, err := s.createOrder(ctx, tx, q, now)
			if err != nil {
				return err
			}
			res.Order, res.Contract = o, c
			q.OrderID = o.ID
			if c != nil {
				q.ContractID = c.ID
			}
			if err := publishAcceptance(ctx, tx, q, o, c, now); err != nil {
				return err
			}
			return s.mailAccepted(ctx, tx, q, o, c, now)
		})
	if err != nil {
		return nil, err
	}
	res.Quote = q // the accepted quote as saved: nothing is read again after the commit
	return res, nil
}

// errNotOffered hides a quote that was never sent from the portal.
func errNotOffered(id int64) error { return problem.NotFound(fmt.Sprintf("quote %d", id)) }
