package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync/atomic"
)

// maxAnswerBytes bounds how much of an answer is read; Zoom's are tiny.
const maxAnswerBytes = 1 << 20

// answer is one HTTP answer from the API, fully read.
type answer struct {
	status     int
	header     http.Header
	body       []byte
	trackingID string
}

func (a *answer) ok() bool { return a.status >= 200 && a.status < 300 }

// roundTrip sends p once with the given token. It decides, from whether the
// request was completely written, if a failure may have reached Zoom
// (*OutcomeUnknownError) or certainly did not (*NetworkError).
func (c *Client) roundTrip(ctx context.Context, p *PreparedRequest, token string) (*answer, error) {
	var written atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				written.Store(true)
			}
		},
	}
	req, err := p.request(httptrace.WithClientTrace(ctx, trace), token)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		cause := c.tokens.secrets.scrubError(err)
		if ctx.Err() != nil {
			cause = ctx.Err() // the caller gave up; say so rather than "timed out"
		}
		if written.Load() {
			return nil, &OutcomeUnknownError{Op: p.Op, Err: cause}
		}
		return nil, &NetworkError{Op: p.Op, Host: hostOf(p.URL), Err: cause}
	}
	defer resp.Body.Close()
	a := &answer{status: resp.StatusCode, header: resp.Header, trackingID: c.tokens.redact(resp.Header.Get("x-zm-trackingid"))}
	a.body, err = io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	if err != nil && a.ok() {
		// Zoom accepted the request but the answer was cut off.
		return nil, &OutcomeUnknownError{Op: p.Op, Err: c.tokens.secrets.scrubError(err)}
	}
	return a, nil
}

// withoutURL drops *url.Error's wrapper, whose text repeats the request URL.
func withoutURL(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}

// errorBody is Zoom's error shape: {"code":7010,"message":"…","result":false}.
type errorBody struct {
	Code    any            `json:"code"`
	Message string         `json:"message"`
	Errors  []FieldProblem `json:"errors"`
}

// apiError reads a non-2xx answer. Zoom's message is cleaned of any secret
// and folded to one line.
func (c *Client) apiError(op string, a *answer) *APIError {
	secrets := c.tokens.secrets
	e := &APIError{Op: op, Status: a.status, TrackingID: secrets.scrub(a.trackingID, 100)}
	var body errorBody
	if json.Unmarshal(a.body, &body) == nil {
		e.Code = codeNumber(body.Code)
		e.Message = secrets.scrub(body.Message, 300)
		for _, f := range body.Errors {
			e.Fields = append(e.Fields, FieldProblem{
				Field:   secrets.scrub(f.Field, 80),
				Message: secrets.scrub(f.Message, 200),
			})
		}
	}
	if a.status == http.StatusTooManyRequests {
		e.RateLimitType = secrets.scrub(a.header.Get("X-RateLimit-Type"), 40)
	}
	return e
}

// codeNumber accepts the code as a JSON number or a numeric string.
func codeNumber(v any) int {
	switch code := v.(type) {
	case float64:
		return int(code)
	case string:
		n, _ := strconv.Atoi(code)
		return n
	}
	return 0
}
