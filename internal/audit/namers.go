package audit

import "context"

// Namer is implemented by a module whose records appear in the audit log (and on other
// admin pages that show a record by entity and id, the undeliverable events): it names
// them the way its pages do ("Acme Zorg B.V.", "Q2026-0012 v2"), so the log reads
// "Quote Q2026-0012 v2" instead of "Quote 12". A page asks each namer once for the ids it
// shows, by entity (AskNamers); a namer answers only the entities it knows (others: nil)
// and may leave out ids it no longer has (deleted, erased).
type Namer interface {
	AuditNames(ctx context.Context, entity string, ids []string) (map[string]string, error)
}

// AskNamers asks the namers for the names of records by entity: one call per namer and
// entity; the first namer that knows an entity answers for it. Entities no namer knows
// are absent from the answer (their records read by their id).
func AskNamers(ctx context.Context, namers []Namer, byEntity map[string][]string) (map[string]map[string]string, error) {
	names := map[string]map[string]string{}
	for entity, ids := range byEntity {
		for _, n := range namers {
			got, err := n.AuditNames(ctx, entity, ids)
			if err != nil {
				return nil, err
			}
			if got != nil {
				names[entity] = got
				break
			}
		}
	}
	return names, nil
}
