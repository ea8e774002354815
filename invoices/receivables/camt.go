package receivables

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// BankCredit is one incoming transfer read from a bank statement.
type BankCredit struct {
	Ref        string          // unique per transfer: the bank's entry reference (AcctSvcrRef)
	Account    string          // our IBAN the statement is for
	BookedOn   civil.Date      // booking date
	Amount     decimal.Decimal // positive
	Currency   string
	Debtor     string // name of who paid
	DebtorIBAN string
	Remittance string // unstructured and structured remittance joined
	CreditorRf string // structured creditor reference (CdtrRefInf/Ref), if any
}

// ErrBadStatement is a file that is not a readable CAMT.053 statement.
var ErrBadStatement = problem.New(422, "bad_statement", "the file is not a readable CAMT.053 bank statement")

// The subset of ISO 20022 camt.053 (BkToCstmrStmt) the product reads. Element names
// without a namespace match every camt.053.001.xx version.
type camtDoc struct {
	XMLName xml.Name   `xml:"Document"`
	Stmts   []camtStmt `xml:"BkToCstmrStmt>Stmt"`
}

type camtStmt struct {
	ID      string      `xml:"Id"`
	IBAN    string      `xml:"Acct>Id>IBAN"`
	Entries []camtEntry `xml:"Ntry"`
}

type camtAmt struct {
	Value string `xml:",chardata"`
	Ccy   string `xml:"Ccy,attr"`
}

// camtStatus is "BOOK" as text (001.02) or inside <Cd> (001.08).
type camtStatus struct {
	Text string `xml:",chardata"`
	Cd   string `xml:"Cd"`
}

type camtDate struct {
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
}

type camtEntry struct {
	NtryRef     string     `xml:"NtryRef"`
	Amt         camtAmt    `xml:"Amt"`
	CdtDbtInd   string     `xml:"CdtDbtInd"`
	RvslInd     bool       `xml:"RvslInd"`
	Sts         camtStatus `xml:"Sts"`
	BookgDt     camtDate   `xml:"BookgDt"`
	ValDt       camtDate   `xml:"ValDt"`
	AcctSvcrRef string     `xml:"AcctSvcrRef"`
	Txs         []camtTxDt `xml:"NtryDtls>TxDtls"`
}

type camtTxDt struct {
	AcctSvcrRef string   `xml:"Refs>AcctSvcrRef"`
	EndToEndID  string   `xml:"Refs>EndToEndId"`
	Amt         camtAmt  `xml:"Amt"`
	TxAmt       camtAmt  `xml:"AmtDtls>TxAmt>Amt"`
	Debtor      string   `xml:"RltdPties>Dbtr>Nm"`
	DebtorPty   string   `xml:"RltdPties>Dbtr>Pty>Nm"`
	DebtorIBAN  string   `xml:"RltdPties>DbtrAcct>Id>IBAN"`
	Ustrd       []string `xml:"RmtInf>Ustrd"`
	StrdRefs    []string `xml:"RmtInf>Strd>CdtrRefInf>Ref"`
}

func (d camtDate) date() (civil.Date, error) {
	s := strings.TrimSpace(d.Dt)
	if s == "" && len(strings.TrimSpace(d.DtTm)) >= 10 {
		s = strings.TrimSpace(d.DtTm)[:10]
	}
	return civil.Parse(s)
}

// ParseCAMT053 reads the credit entries of a CAMT.053 statement. Debit entries, reversals
// and entries not booked are skipped. An entry with several transactions gives one
// credit per transaction. Every credit gets a reference that is the same each time the
// same statement is read, so importing it again adds nothing.
func ParseCAMT053(r io.Reader) ([]BankCredit, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 20<<20))
	if err != nil {
		return nil, err
	}
	var doc camtDoc
	if err := xml.NewDecoder(bytes.NewReader(raw)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadStatement, err)
	}
	if len(doc.Stmts) == 0 {
		return nil, fmt.Errorf("%w: no BkToCstmrStmt/Stmt element", ErrBadStatement)
	}
	var out []BankCredit
	for si, st := range doc.Stmts {
		for ei, e := range st.Entries {
			if strings.TrimSpace(e.CdtDbtInd) != "CRDT" || e.RvslInd {
				continue
			}
			if sts := strings.TrimSpace(e.Sts.Text + e.Sts.Cd); sts != "" && sts != "BOOK" {
				continue
			}
			booked, err := e.BookgDt.date()
			if err != nil {
				return nil, fmt.Errorf("%w: entry %d: booking date: %v", ErrBadStatement, ei+1, err)
			}
			entryRef := firstNonEmpty(e.AcctSvcrRef, e.NtryRef)
			txs := e.Txs
			if len(txs) == 0 {
				txs = []camtTxDt{{}}
			}
			for ti, tx := range txs {
				amtS := firstNonEmpty(tx.Amt.Value, tx.TxAmt.Value)
				ccy := firstNonEmpty(tx.Amt.Ccy, tx.TxAmt.Ccy)
				if len(txs) == 1 || amtS == "" {
					amtS, ccy = e.Amt.Value, e.Amt.Ccy
				}
				amt, err := money.ParseStrict(strings.TrimSpace(amtS))
				if err != nil || !amt.IsPositive() {
					return nil, fmt.Errorf("%w: entry %d: amount %q", ErrBadStatement, ei+1, amtS)
				}
				c := BankCredit{Account: strings.TrimSpace(st.IBAN), BookedOn: booked, Amount: amt, Currency: firstNonEmpty(ccy, "EUR"),
					Debtor: strings.TrimSpace(firstNonEmpty(tx.Debtor, tx.DebtorPty)), DebtorIBAN: strings.TrimSpace(tx.DebtorIBAN)}
				var rem []string
				for _, u := range tx.Ustrd {
					if u = strings.TrimSpace(u); u != "" {
						rem = append(rem, u)
					}
				}
				for _, s := range tx.StrdRefs {
					if s = strings.TrimSpace(s); s != "" {
						rem = append(rem, s)
						if c.CreditorRf == "" {
							c.CreditorRf = s
						}
					}
				}
				c.Remittance = strings.Join(rem, " ")
				switch {
				case len(txs) == 1 && entryRef != "":
					c.Ref = entryRef
				case tx.AcctSvcrRef != "":
					c.Ref = tx.AcctSvcrRef
				case entryRef != "":
					c.Ref = fmt.Sprintf("%s/%d", entryRef, ti+1)
				default: // no reference from the bank: a fingerprint of what is there
					h := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%d|%d|%s|%s|%s|%s", st.IBAN, st.ID, si, ei, booked, amt, c.DebtorIBAN, c.Remittance)))
					c.Ref = "sha:" + hex.EncodeToString(h[:12])
				}
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
