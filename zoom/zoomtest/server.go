package zoomtest

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Server serves a Handler over real HTTP on a loopback port, like httptest.Server.
// The embedded *Handler gives direct access to the fault switches and the recordings.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:PORT", with no trailing slash.
	URL string
	*Handler

	listener net.Listener
	http     *http.Server
	done     chan struct{}
}

// NewServer starts a simulator with DefaultFixture on 127.0.0.1 and a free port.
// It panics if no port can be opened, as httptest.NewServer does.
func NewServer() *Server { return NewServerWith(DefaultFixture()) }

// NewServerWith starts a simulator with the given fixture on 127.0.0.1 and a free port.
// It panics if no port can be opened, as httptest.NewServer does.
func NewServerWith(f Fixture) *Server {
	s, err := Listen("127.0.0.1:0", f)
	if err != nil {
		panic(err)
	}
	return s
}

// Listen starts a simulator with the given fixture on addr (host:port, e.g. for
// `zoompose sandbox --addr`). It returns an error sentence naming the address when it is taken.
func Listen(addr string, f Fixture) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("zoomtest: cannot listen on %s: %w; choose another address or free the port", addr, err)
	}
	s := &Server{
		URL:      "http://" + ln.Addr().String(),
		Handler:  NewHandler(f),
		listener: ln,
		done:     make(chan struct{}),
	}
	s.Handler.SetBaseURL(s.URL)
	s.http = &http.Server{Handler: s.Handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Handler.logf("zoomtest: server stopped: %v", err)
		}
	}()
	return s, nil
}

// Close stops the server and closes every open connection. It is safe to call twice.
func (s *Server) Close() {
	_ = s.http.Close()
	s.Handler.DropEventConnections() // hijacked: http.Server.Close does not see them
	<-s.done
}

// APIURL is the base of the REST API, URL + "/v2", as a client's API URL setting expects.
func (s *Server) APIURL() string { return s.URL + "/v2" }

// TokenURL is the OAuth token endpoint, URL + "/oauth/token".
func (s *Server) TokenURL() string { return s.URL + "/oauth/token" }
