package compose

import (
	"encoding/json"
	"strings"
)

// EditSource is the card source to put in an editor for a stored card:
// the source it was written in, or, for a card recorded without one (sent
// from a .json file or outside zoompose), what Format makes of its
// JSON. The error is compose's reason the JSON cannot be read; callers say
// which card it was and what to do. The source always ends with a line break.
func EditSource(source string, content json.RawMessage) (string, error) {
	if source != "" {
		// The editor opens with the cursor at the end: on a line of its own, so what the
		// admin types there starts a new block instead of gluing onto a closing fence.
		if !strings.HasSuffix(source, "\n") {
			source += "\n"
		}
		return source, nil
	}
	parsed, err := ParseJSON(content)
	if err != nil {
		return "", err
	}
	return Format(parsed), nil
}
