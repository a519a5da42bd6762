package zoomtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// A test starts the simulator, points its client at APIURL and TokenURL with the sandbox
// identities, and afterwards asserts on what the simulator received and holds.
func Example() {
	s := zoomtest.NewServer()
	defer s.Close()

	// The client-credentials token request, as a Zoom client makes it.
	tokenReq, _ := http.NewRequest(http.MethodPost, s.TokenURL()+"?grant_type=client_credentials", nil)
	tokenReq.SetBasicAuth(zoomtest.ClientID, zoomtest.ClientSecret)
	var grant struct {
		AccessToken string `json:"access_token"`
	}
	if err := do(tokenReq, &grant); err != nil {
		panic(err)
	}

	// A send to one of the sandbox channels.
	body := `{"robot_jid":"` + zoomtest.RobotJID + `","to_jid":"` + zoomtest.ChannelGeneral +
		`","account_id":"` + zoomtest.AccountID + `","user_jid":"` + zoomtest.UserJID +
		`","content":{"head":{"text":"Hello from the sandbox"}}}`
	sendReq, _ := http.NewRequest(http.MethodPost, s.APIURL()+"/im/chat/messages", strings.NewReader(body))
	sendReq.Header.Set("Content-Type", "application/json")
	sendReq.Header.Set("Authorization", "Bearer "+grant.AccessToken)
	var sent struct {
		MessageID string `json:"message_id"`
	}
	if err := do(sendReq, &sent); err != nil {
		panic(err)
	}

	// What the simulator received and now holds.
	for _, r := range s.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	m, _ := s.Message(sent.MessageID)
	fmt.Println(m.ToJID == zoomtest.ChannelGeneral, string(m.Contents[0]))

	// Fault switches arm the next API calls, e.g. a 503 for the next one.
	s.FailNext(1, http.StatusServiceUnavailable)

	// Output:
	// POST /oauth/token 200
	// POST /v2/im/chat/messages 201
	// true {"head":{"text":"Hello from the sandbox"}}
}

func do(req *http.Request, into any) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(into)
}
