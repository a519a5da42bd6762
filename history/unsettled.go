package history

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// Kept is what Zoom answered to an operation whose answer the history could
// not record (the disk failed, or the file was found damaged, between the
// intent and the answer). It is kept as one line of JSON in a file beside
// the history (see KeptPath), so that what was sent is known even when the
// history cannot be read any more.
type Kept struct {
	Op        OpKind    `json:"op"`
	RecordID  string    `json:"record_id"`            // the history's record, in flight until resolved
	MessageID string    `json:"message_id,omitempty"` // the id Zoom gave a send (an edit's or delete's message)
	ToJID     string    `json:"to_jid,omitempty"`
	At        time.Time `json:"at"`
	Err       string    `json:"err"` // why the history could not record it
}

// KeptPath is the file beside the history at path that keeps the answers it
// could not record.
func KeptPath(path string) string { return path + ".unsettled" }

// Keep appends k to the file beside the history at path (KeptPath), fsynced
// before it returns, and returns that file's path.
func Keep(path string, k Kept) (string, error) {
	kept := KeptPath(path)
	line, err := json.Marshal(k)
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(kept, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", fmt.Errorf("could not keep the outcome in %s: %w", kept, err)
	}
	_, err = f.Write(append(line, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("could not keep the outcome in %s: %w", kept, err)
	}
	return kept, nil
}

// keptCount counts the outcomes kept beside the history at path: 0 when
// there is no such file.
func keptCount(path string) int {
	f, err := os.Open(KeptPath(path))
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if len(sc.Bytes()) > 0 {
			n++
		}
	}
	return n
}

// keptSentence says where the outcomes kept beside the history at path are,
// or "" when there are none.
func keptSentence(path string) string {
	n := keptCount(path)
	if n == 0 {
		return ""
	}
	what := fmt.Sprintf("%d operations Zoom applied that the history could not record are", n)
	if n == 1 {
		what = "1 operation Zoom applied that the history could not record is"
	}
	return fmt.Sprintf("%s kept in %s (one JSON line each: op, record_id, message_id); resolve each record as arrived (zoompose history resolve RECORD_ID --arrived --message-id ID), then remove that file",
		what, KeptPath(path))
}
