package common

import (
	"encoding/json"

	"github.com/zoompose/zoompose/compose"
)

// CardSource is the card source to put in the composer for a stored card:
// the source it was written in, or, for a card recorded without one (sent
// from a .json file or outside zoompose), what compose.Format makes of its
// JSON. The error is compose's reason the JSON cannot be read; callers say
// which card it was and what to do.
func CardSource(source string, content json.RawMessage) (string, error) {
	if source != "" {
		return source, nil
	}
	parsed, err := compose.ParseJSON(content)
	if err != nil {
		return "", err
	}
	return compose.Format(parsed), nil
}
