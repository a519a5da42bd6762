// Package editortest provides realistic text for editor tests and
// benchmarks, shared by ui/editor and the composer benchmarks in ui.
package editortest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// frontMatter opens every generated card, as the card source format does.
const frontMatter = `---
head: Release notes — zoompose 2.4
sub_head: What changed this week, and what to do about it
---

`

// blocks are the pieces a card source is made of: long soft-wrapped
// paragraphs, lists, a fenced element block with tabs in it, quotes, and a
// little non-ASCII text. %d is replaced by a section number so repeated
// blocks differ.
var blocks = []string{
	"The **deploy pipeline** now runs the integration suite in parallel, which cuts a typical release from forty minutes to about twelve. If your team pins the old runner image, update it before Friday: the old image stops receiving security fixes at the end of the month, and builds that use it will start failing with a clear error that names the image (section %d).\n\n",
	"Things to check before you upgrade:\n\n- the `ZOOM_API_URL` override in your staging profile\n- any bot that posts more than *20 messages a second* (it will now be throttled)\n- scheduled jobs that call `/v2/im/chat/messages` with an expired token\n- links in old announcements, see [the migration guide](https://example.com/migrate/%d)\n\n",
	"```fields\nOwner: Platform team\nSeverity: medium\nTicket: OPS-%d\nRollback:\tnot needed\n```\n\n",
	"> Heads up: the on-call rotation changes on Monday. Ping `@platform-oncall` rather than individual people, and keep incident threads in #ops-incidents so the timeline stays in one place.\n\n",
	"```actions\n[Approve](approve-%d) primary\n[Request changes](changes-%d) default\n[Reject](reject-%d) danger\n```\n\n",
	"1. Pull the latest `main`.\n2. Run `make release-check` and fix anything it flags.\n3. Tag the release as `v2.4.%d` and push the tag.\n4. Post in the channel when the canary looks healthy — usually 10–15 minutes.\n\n",
	"Thanks to everyone who filed bugs this cycle: Zoë, Renée, 田中さん and the support crew 🎉. Your reports fixed the timezone drift in scheduled posts and the duplicate unfurls on edited links (item %d).\n\n",
	"```json\n{\n\t\"type\": \"section\",\n\t\"sidebar_color\": \"#0E71EB\",\n\t\"sections\": [{\"type\": \"message\", \"text\": \"Build %d passed\"}]\n}\n```\n\n",
}

// CardSource returns deterministic card source text of at most sizeBytes
// bytes (and at least sizeBytes-3): front matter, then Markdown paragraphs,
// lists, quotes and fenced blocks, cut on a UTF-8 boundary.
func CardSource(sizeBytes int) string {
	var sb strings.Builder
	sb.WriteString(frontMatter)
	for i := 0; sb.Len() < sizeBytes; i++ {
		block := blocks[i%len(blocks)]
		n := strings.Count(block, "%d")
		args := make([]any, n)
		for j := range args {
			args[j] = i + 1
		}
		fmt.Fprintf(&sb, block, args...)
	}
	s := sb.String()
	if len(s) <= sizeBytes {
		return s
	}
	s = s[:sizeBytes]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
