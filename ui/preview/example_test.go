package preview_test

import (
	"fmt"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/preview"
)

func ExampleRenderer_Render() {
	card, err := compose.ParseJSON([]byte(`{
		"head": {"text": "Deploy finished", "sub_head": {"text": "billing-api, us-east-1"}},
		"body": [
			{"type": "fields", "items": [{"key": "Version", "value": "4.2.0", "short": true},
			                             {"key": "Took", "value": "4 min", "short": true}]},
			{"type": "actions", "items": [{"text": "Roll back", "value": "rb", "style": "Danger"}]}
		]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r := preview.New(themes.NoColor())
	fmt.Println(r.Render(card, 40))
	// Output:
	// ╭──────────────────────────────────────╮
	// │ Deploy finished                      │
	// │ billing-api, us-east-1               │
	// │                                      │
	// │ Version            Took              │
	// │ 4.2.0              4 min             │
	// │                                      │
	// │ ╔═══════════╗                        │
	// │ ║ Roll back ║                        │
	// │ ╚═══════════╝                        │
	// ╰──────────────────────────────────────╯
}
