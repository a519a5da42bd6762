package history

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/history/historytest"
)

// seedForExport fills s with one record of every kind Export writes, one of
// them with an edit.
func seedForExport(t *testing.T, s *Store) {
	t.Helper()
	edited := message("M2", "chan@conference.xmpp.zoom.us", minute(2), "Edited", "v1")
	edited.Revisions = append(edited.Revisions, Revision{Content: card("Edited", "v2"), Source: "v2", At: minute(3)})
	edited.Status = StatusEdited
	mustPut(t, s, message("M1", "alice@xmpp.zoom.us", minute(1), "Hello", "first"), edited)
	if err := s.PutUnfurl(Unfurl{ID: "U1", UserID: "u", TriggerID: "t", Content: card("Unfurl", "x"), At: minute(4)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(Draft{Name: "draft", Source: "theirs", UpdatedAt: minute(5)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveTemplate(Template{Name: "tpl", Source: "theirs"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRecipientLabel("chan@conference.xmpp.zoom.us", "ops"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutList("eng", []string{"ops", "alice@xmpp.zoom.us"}); err != nil {
		t.Fatal(err)
	}
}

func exportOf(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustImport(t *testing.T, s *Store, data []byte) ImportSummary {
	t.Helper()
	sum, err := s.Import(bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestImportIntoAnEmptyHistoryAndTwice(t *testing.T) {
	theirs, _ := openTemp(t)
	seedForExport(t, theirs)
	export := exportOf(t, theirs)

	mine, _ := openTemp(t)
	sum := mustImport(t, mine, export)
	if sum.Added != 7 || sum.Updated != 0 || sum.Present != 0 || sum.Skipped != 0 {
		t.Fatalf("first import = %+v; want 7 added", sum)
	}
	if got := exportOf(t, mine); !bytes.Equal(got, export) {
		t.Fatalf("the imported history exports differently:\n%s\nwant\n%s", got, export)
	}
	// The imported messages are found as local ones are: by search and listing.
	page, err := mine.List(Query{Text: "v2"})
	if err != nil || len(page.Messages) != 1 || page.Messages[0].ID != "M2" {
		t.Fatalf("search in the imported history = %+v, %v", page.Messages, err)
	}
	sum = mustImport(t, mine, export)
	if sum.Added != 0 || sum.Updated != 0 || sum.Present != 7 {
		t.Fatalf("second import = %+v; want everything already there", sum)
	}
	if got := exportOf(t, mine); !bytes.Equal(got, export) {
		t.Fatal("importing twice changed the history")
	}
}

func TestImportNeverLosesALocalRevision(t *testing.T) {
	theirs, _ := openTemp(t)
	seedForExport(t, theirs)
	old := exportOf(t, theirs)

	mine, _ := openTemp(t)
	mustImport(t, mine, old)
	// Here, M2 gets a third revision; there, M1 gets an edit and M2 is deleted.
	m2, _ := mine.Get("M2")
	m2.Revisions = append(m2.Revisions, Revision{Content: card("Edited", "mine"), Source: "mine", At: minute(9)})
	mustPut(t, mine, m2)
	m1, _ := theirs.Get("M1")
	m1.Revisions = append(m1.Revisions, Revision{Content: card("Hello", "second"), Source: "second", At: minute(8)})
	m1.Status = StatusEdited
	mustPut(t, theirs, m1)
	theirM2, _ := theirs.Get("M2")
	theirM2.Status, theirM2.DeletedAt = StatusDeleted, minute(10)
	mustPut(t, theirs, theirM2)
	// A draft of the same name here: the local one wins.
	if err := mine.SaveDraft(Draft{Name: "draft", Source: "mine"}); err != nil {
		t.Fatal(err)
	}

	sum := mustImport(t, mine, exportOf(t, theirs))
	if sum.Updated != 1 || sum.Present != 6 {
		t.Fatalf("import = %+v; want M1 updated, the rest kept", sum)
	}
	if got, _ := mine.Get("M1"); len(got.Revisions) != 2 || got.Status != StatusEdited {
		t.Errorf("M1 = %d revisions, %s; want their edit", len(got.Revisions), got.Status)
	}
	if got, _ := mine.Get("M2"); len(got.Revisions) != 3 || got.Status == StatusDeleted {
		t.Errorf("M2 = %d revisions, %s; want the local third revision kept", len(got.Revisions), got.Status)
	}
	if drafts, _ := mine.Drafts(); len(drafts) != 1 || drafts[0].Source != "mine" {
		t.Errorf("drafts = %+v; want the local one", drafts)
	}
}

func TestImportRefusesAFileWithADamagedLine(t *testing.T) {
	theirs, _ := openTemp(t)
	seedForExport(t, theirs)
	lines := strings.SplitAfter(string(exportOf(t, theirs)), "\n")
	lines[2] = `{"kind":"message","record":{"id":"M9","sent_at":` + "\n"
	lines[4] = `{"kind":"draft","record":{"source":"no name"}}` + "\n"
	mine, _ := openTemp(t)
	_, err := mine.Import(strings.NewReader(strings.Join(lines, "")), nil)
	var damaged *ImportError
	if !errors.As(err, &damaged) || damaged.Total != 2 || damaged.Lines[0].Line != 3 || damaged.Lines[1].Line != 5 {
		t.Fatalf("Import = %v; want lines 3 and 5 named", err)
	}
	if !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("error %q does not say nothing was imported", err)
	}
	if page, _ := mine.List(Query{}); len(page.Messages) != 0 {
		t.Fatalf("a refused import wrote %d messages", len(page.Messages))
	}
}

func TestImportSkipsUnsettledAndUnknownAndStoresNoStrayField(t *testing.T) {
	mine, path := openTemp(t)
	const secret = "s3cr3t-planted-in-the-export-0123456789"
	data := `{"kind":"message","record":{"id":"M1","to_jid":"a@xmpp.zoom.us","sent_at":"2026-03-14T09:00:00Z","status":"sent","client_secret":"` + secret + `","revisions":[{"content":{"head":{"text":"hi"}},"at":"2026-03-14T09:00:00Z"}]}}
{"kind":"message","record":{"id":"local-x","to_jid":"a@xmpp.zoom.us","sent_at":"2026-03-14T09:00:00Z","status":"failed","revisions":[{"content":{},"at":"2026-03-14T09:00:00Z"}],"op":{"kind":"send","state":"failed","at":"2026-03-14T09:00:00Z","attempts":1}}}
{"kind":"widget","record":{"name":"eng"}}
`
	sum, err := mine.Import(strings.NewReader(data), nil)
	if err != nil || sum.Added != 1 || sum.Skipped != 2 || len(sum.Notes) != 2 {
		t.Fatalf("Import = %+v, %v", sum, err)
	}
	if box, _ := mine.Outbox(); len(box) != 0 {
		t.Fatalf("an unsettled operation was imported into the outbox: %+v", box)
	}
	mine.Close()
	historytest.AssertNoSecrets(t, path, secret)
}

// A history written before scheduled sends existed (no scheduled bucket) reads
// as having none, read-only, and takes a scheduled send when opened to write.
func TestHistoryWithoutScheduledBucketReadsAndWorks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	src, err := os.Open(v1Fixture)
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := os.Create(path)
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	src.Close()
	dst.Close()
	s, err := Open(path) // migrates the v1 layout: still no scheduled bucket
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	list, err := ro.ScheduledSends(true)
	if err != nil || len(list) != 0 {
		t.Fatalf("ScheduledSends of an old file = %v, %v", list, err)
	}
	if _, err := ro.GetScheduled("local-x"); !errors.As(err, new(*NotScheduledError)) {
		t.Fatalf("GetScheduled = %v", err)
	}
	before := exportOf(t, ro)
	ro.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := message("", "a@xmpp.zoom.us", minute(0), "Later", "body")
	sc, err := s.Schedule(m, minute(60), minute(0))
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := s.ScheduledSends(false); len(list) != 1 || list[0].ID != sc.ID {
		t.Fatalf("ScheduledSends = %+v", list)
	}
	if got := exportOf(t, s); !bytes.Equal(got, before) {
		t.Fatal("a scheduled send changed the export: scheduled sends are not exported")
	}
	// Its old records still import elsewhere.
	fresh, _ := openTemp(t)
	if sum := mustImport(t, fresh, before); sum.Skipped != 0 || sum.Added == 0 {
		t.Fatalf("importing the old history = %+v", sum)
	}
}

// A named list travels with the history: imported where this history has no
// list of that name; a local list of the name wins; a list whose name is a
// local label is left out with a note, since names must stay unambiguous.
func TestImportNamedLists(t *testing.T) {
	theirs, _ := openTemp(t)
	for name, members := range map[string][]string{
		"eng":    {"a@xmpp.zoom.us", "b@xmpp.zoom.us"},
		"ops":    {"c@xmpp.zoom.us"},
		"oncall": {"d@xmpp.zoom.us"},
	} {
		if _, err := theirs.PutList(name, members); err != nil {
			t.Fatal(err)
		}
	}
	mine, _ := openTemp(t)
	if _, err := mine.PutList("ENG", []string{"z@xmpp.zoom.us"}); err != nil {
		t.Fatal(err)
	}
	if err := mine.SetRecipientLabel("x@conference.xmpp.zoom.us", "ops"); err != nil {
		t.Fatal(err)
	}
	sum := mustImport(t, mine, exportOf(t, theirs))
	if sum.Added != 1 || sum.Present != 1 || sum.Skipped != 1 {
		t.Fatalf("import = %+v; want oncall added, eng present, ops skipped", sum)
	}
	if len(sum.Notes) != 1 || !strings.Contains(sum.Notes[0], `list "ops": not imported`) || !strings.Contains(sum.Notes[0], "label") {
		t.Errorf("notes = %q", sum.Notes)
	}
	lists, err := mine.Lists()
	if err != nil || len(lists) != 2 || lists[0].Name != "ENG" || lists[0].Members[0] != "z@xmpp.zoom.us" ||
		lists[1].Name != "oncall" || lists[1].Members[0] != "d@xmpp.zoom.us" {
		t.Fatalf("lists after import = %+v, %v", lists, err)
	}
	// A list with a member that is no JID is skipped with a note naming its line; the
	// rest of the file is imported.
	bad := []byte(`{"kind":"list","record":{"name":"x","members":["not a jid"]}}` + "\n" +
		`{"kind":"list","record":{"name":"y","members":["e@xmpp.zoom.us"]}}` + "\n")
	sum, err = mine.Import(bytes.NewReader(bad), nil)
	if err != nil || sum.Skipped != 1 || sum.Added != 1 || len(sum.Notes) != 1 ||
		!strings.Contains(sum.Notes[0], "line 1:") || !strings.Contains(sum.Notes[0], "not a JID") {
		t.Errorf("a list with a member that is no JID: %+v, %v", sum, err)
	}
	if _, ok := findListName(t, mine, "x"); ok {
		t.Error("the list with a member that is no JID was stored")
	}
}

func findListName(t *testing.T, s *Store, name string) (RecipientList, bool) {
	t.Helper()
	lists, err := s.Lists()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lists {
		if l.Name == name {
			return l, true
		}
	}
	return RecipientList{}, false
}
