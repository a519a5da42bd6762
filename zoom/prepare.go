package zoom

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// RedactedAuthorization is the Authorization value shown in dry runs.
const RedactedAuthorization = "Bearer <redacted>"

// PreparedRequest is the exact request an operation sends, with the bearer
// token replaced by RedactedAuthorization. Building one does no network I/O,
// not even a token request.
type PreparedRequest struct {
	Op     string // "send", "edit", "delete" or "unfurl"
	Method string
	URL    string
	Header http.Header
	Body   []byte // nil for delete
}

// PrepareSend validates r and builds the send request without sending it.
func (c *Client) PrepareSend(r SendRequest) (*PreparedRequest, error) {
	body, err := c.sendBody(r)
	if err != nil {
		return nil, err
	}
	return c.prepare(opSend, http.MethodPost, "/im/chat/messages", nil, body)
}

// PrepareEdit validates r and builds the edit request without sending it.
func (c *Client) PrepareEdit(r EditRequest) (*PreparedRequest, error) {
	body, err := c.editBody(r)
	if err != nil {
		return nil, err
	}
	return c.prepare(opEdit, http.MethodPut, "/im/chat/messages/"+url.PathEscape(r.MessageID), nil, body)
}

// PrepareDelete validates r and builds the delete request without sending it.
// account_id, robot_jid and user_jid travel as query parameters.
func (c *Client) PrepareDelete(r DeleteRequest) (*PreparedRequest, error) {
	if err := requireMessageID(opDelete, r.MessageID); err != nil {
		return nil, err
	}
	query := url.Values{
		"account_id": {c.cfg.AccountID},
		"robot_jid":  {c.cfg.RobotJID},
		"user_jid":   {firstNonEmpty(r.UserJID, c.cfg.UserJID)},
	}
	return c.prepare(opDelete, http.MethodDelete, "/im/chat/messages/"+url.PathEscape(r.MessageID), query, nil)
}

// PrepareUnfurl validates r and builds the unfurl request without sending
// it. The card travels as a JSON string in "content", as Zoom requires.
func (c *Client) PrepareUnfurl(r UnfurlRequest) (*PreparedRequest, error) {
	body, err := newUnfurlBody(r)
	if err != nil {
		return nil, err
	}
	path := "/im/chat/users/" + url.PathEscape(r.UserID) + "/unfurls/" + url.PathEscape(r.TriggerID)
	return c.prepare(opUnfurl, http.MethodPost, path, nil, body)
}

// prepare assembles method, URL, headers and the JSON body (nil for none).
func (c *Client) prepare(op, method, path string, query url.Values, body any) (*PreparedRequest, error) {
	p := &PreparedRequest{Op: op, Method: method, URL: c.cfg.APIURL + path, Header: http.Header{}}
	if len(query) > 0 {
		p.URL += "?" + query.Encode()
	}
	p.Header.Set("Accept", "application/json")
	p.Header.Set("Authorization", RedactedAuthorization)
	p.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		encoded, err := encodeJSON(body)
		if err != nil {
			return nil, &InvalidRequestError{Op: op, Field: "Content", Reason: "could not be encoded as JSON: " + err.Error()}
		}
		p.Body = encoded
		p.Header.Set("Content-Type", "application/json")
	}
	return p, nil
}

// String shows the request as "POST https://…", one "Header: value" line per
// header in name order, a blank line and the JSON body.
func (p *PreparedRequest) String() string {
	var b strings.Builder
	b.WriteString(p.Method + " " + p.URL + "\n")
	for _, name := range sortedHeaderNames(p.Header) {
		for _, value := range p.Header[name] {
			b.WriteString(name + ": " + value + "\n")
		}
	}
	if len(p.Body) > 0 {
		b.WriteString("\n")
		b.Write(p.Body)
		b.WriteString("\n")
	}
	return b.String()
}

// Curl is an equivalent curl command. The token is written as $ZOOM_TOKEN
// inside double quotes so the shell fills it in; everything else is single
// quoted and safe to paste.
func (p *PreparedRequest) Curl() string {
	lines := []string{"curl -X " + p.Method + " " + shellQuote(p.URL)}
	for _, name := range sortedHeaderNames(p.Header) {
		for _, value := range p.Header[name] {
			if name == "Authorization" {
				lines = append(lines, `-H "Authorization: Bearer $ZOOM_TOKEN"`)
				continue
			}
			lines = append(lines, "-H "+shellQuote(name+": "+value))
		}
	}
	if len(p.Body) > 0 {
		lines = append(lines, "--data-raw "+shellQuote(string(p.Body)))
	}
	return strings.Join(lines, " \\\n  ") + "\n"
}

// request turns the prepared request into an *http.Request carrying the real token.
func (p *PreparedRequest) request(ctx context.Context, token string) (*http.Request, error) {
	var body io.Reader
	if p.Body != nil {
		body = bytes.NewReader(p.Body)
	}
	req, err := http.NewRequestWithContext(ctx, p.Method, p.URL, body)
	if err != nil {
		return nil, &InvalidRequestError{Op: p.Op, Field: "APIURL", Reason: "does not make a valid request URL: check ZOOM_API_URL"}
	}
	req.Header = p.Header.Clone()
	req.Header.Set("Authorization", "Bearer "+token)
	return req, nil
}

func sortedHeaderNames(h http.Header) []string {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// jsonObject checks that content is one JSON object and returns it compacted.
func jsonObject(op string, content json.RawMessage) (json.RawMessage, error) {
	trimmed := bytes.TrimSpace(content)
	if len(trimmed) == 0 {
		return nil, &InvalidRequestError{Op: op, Field: "Content", Reason: "is empty: give the card as a JSON object"}
	}
	var compact bytes.Buffer
	if trimmed[0] != '{' || json.Compact(&compact, trimmed) != nil {
		return nil, &InvalidRequestError{Op: op, Field: "Content", Reason: "is not a JSON object: the card must be {…} with head and body"}
	}
	return compact.Bytes(), nil
}

// encodeJSON marshals v without escaping <, > and &, so Zoom markdown links
// such as <https://example.com|label> stay readable in dry runs.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
