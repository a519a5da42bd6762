package zoomtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// Echo returns a handler that answers every request with status and a JSON body quoting
// the request's credentials back, as a careless proxy or server might: the Authorization
// header as sent, the Basic credentials decoded, both URL-escaped (query and path
// escaping), and the request's query and form body. Requests to a path ending in
// /oauth/token get the token endpoint's shape, {"reason":…,"error":"invalid_request"}; other requests Zoom's
// API shape, {"code":…,"message":…}, with code 7010 on a 401 so that a client fetches a
// fresh token once and retries.
//
// When next is not nil it serves each request first and its answer is dropped, so a
// simulator behind Echo still issues tokens and records what the client sent.
func Echo(status int, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if next != nil {
			inner := r.Clone(r.Context())
			inner.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(httptest.NewRecorder(), inner)
		}
		echo := echoText(r, body)
		var answer any
		if strings.HasSuffix(r.URL.Path, "/oauth/token") {
			answer = tokenError{Reason: echo, Error: "invalid_request"}
		} else {
			code := status
			if status == http.StatusUnauthorized {
				code = codeInvalidToken
			}
			answer = map[string]any{"code": code, "message": echo, "result": false}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(answer)
	})
}

// echoText is the request's credentials in the forms Echo quotes them.
func echoText(r *http.Request, body []byte) string {
	auth := r.Header.Get("Authorization")
	decoded := ""
	if scheme, credentials, ok := strings.Cut(auth, " "); ok && strings.EqualFold(scheme, "Basic") {
		if raw, err := base64.StdEncoding.DecodeString(credentials); err == nil {
			decoded = string(raw)
		}
	}
	return "rejected Authorization: " + auth +
		" (credentials " + decoded + ")" +
		" escaped " + url.QueryEscape(auth) + " / " + url.PathEscape(decoded) +
		" query " + r.URL.RawQuery +
		" form " + string(body)
}
