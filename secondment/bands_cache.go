package secondment

import "sync"

// scannedBands caches the band tables read from the database by their stored JSON: a
// page of placements decodes, validates and compiles the same few tables (most
// placements carry the default) on every request otherwise. The key is the content, so
// an edited table is a new key and nothing needs invalidating; the cache stops growing
// at maxScannedBands distinct tables. A cached table is never modified (BandTable is
// read-only once built) and carries its JSON, so a list writes it without re-encoding.
var scannedBands sync.Map // string(stored JSON) → BandTable

const maxScannedBands = 1024

var scannedBandsCount struct {
	sync.Mutex
	n int
}

// scanBands is UnmarshalJSON through the cache.
func scanBands(b []byte) (BandTable, error) {
	if t, ok := scannedBands.Load(string(b)); ok {
		return t.(BandTable), nil
	}
	var t BandTable
	if err := t.UnmarshalJSON(b); err != nil {
		return BandTable{}, err
	}
	enc, err := t.MarshalJSON()
	if err != nil {
		return BandTable{}, err
	}
	t.encoded = enc
	scannedBandsCount.Lock()
	defer scannedBandsCount.Unlock()
	if scannedBandsCount.n < maxScannedBands {
		if _, loaded := scannedBands.LoadOrStore(string(b), t); !loaded {
			scannedBandsCount.n++
		}
	}
	return t, nil
}
