package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// secretKeyAssignment finds an assignment to a key whose name says it holds a secret
// (secret, token, password), bare, quoted or dotted, anywhere on a line (so inline tables
// count too). Group 1 is the key's name. token_url matches as well: hiding the details of
// an error in a URL costs little.
var secretKeyAssignment = regexp.MustCompile(`(?i)(?:^|[\s{,.])["']?([A-Za-z0-9_-]*(?:secret|token|passw(?:or)?d)[A-Za-z0-9_-]*)["']?\s*=`)

// quotedFragment is a fragment toml's messages quote: 'x' or "x".
var quotedFragment = regexp.MustCompile(`'[^']*'|"[^"]*"`)

// describeTOMLError says where a config file stops being valid TOML without quoting a
// secret. toml's message quotes the text it choked on, which on a line such as
// `client_secret = abc123` (unquoted) is the start of the secret. So when the error is on
// a line that assigns a secret key, inside a multi-line value of one, or right after one
// (the last key read is a secret key), the message gives the line, the column and the key's
// name, and toml's own text only if everything it quotes is TOML syntax or the key itself.
// Elsewhere toml's text is kept, with the values of secret keys found in the file
// redacted from it all the same.
func describeTOMLError(err error, text string) string {
	var parseErr toml.ParseError
	if !errors.As(err, &parseErr) {
		return redactSecretValues(oneLine(err.Error()), text)
	}
	pos := parseErr.Position
	key, onSecret := secretLines(text)[pos.Line]
	if last := parseErr.LastKey[strings.LastIndex(parseErr.LastKey, ".")+1:]; !onSecret && isSecretKey(last) {
		key, onSecret = last, true
	}
	if !onSecret {
		return redactSecretValues(oneLine(fmt.Sprintf("line %d, column %d: %s", pos.Line, pos.Col, parseErr.Message)), text)
	}
	detail := "details not shown, as they could quote the secret"
	if quotesOnlySyntax(parseErr.Message, parseErr.LastKey) {
		detail = redactSecretValues(oneLine(parseErr.Message), text)
	}
	return fmt.Sprintf("line %d, column %d, at the value of %s (%s); a secret must be one quoted string: %s = \"…\"",
		pos.Line, pos.Col, key, detail, key)
}

// isSecretKey reports whether a config key's name says it holds a secret.
func isSecretKey(key string) bool {
	return secretKeyAssignment.MatchString(key + "=")
}

// quotesOnlySyntax reports whether every fragment a toml message quotes is TOML syntax
// (quotes, brackets, braces, '=', ',', '.') or the last key's path, so it cannot hold a
// piece of a value.
func quotesOnlySyntax(message, lastKey string) bool {
	for _, fragment := range quotedFragment.FindAllString(message, -1) {
		inner := fragment[1 : len(fragment)-1]
		if inner != lastKey && strings.Trim(inner, `"'[]{}=,.`) != "" {
			return false
		}
	}
	return true
}

// secretLines maps the number (from 1) of every line that assigns a secret key, or lies
// inside the multi-line string value of one, to that key's name.
func secretLines(text string) map[int]string {
	lines := map[int]string{}
	closing, key := "", "" // the open multi-line string of a secret key, if any
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if closing != "" {
			lines[n] = key
			if strings.Contains(line, closing) {
				closing = ""
			}
			continue
		}
		m := secretKeyAssignment.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		key = line[m[2]:m[3]]
		lines[n] = key
		value := strings.TrimSpace(line[m[1]:])
		for _, delim := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, delim) && !strings.Contains(value[len(delim):], delim) {
				closing = delim
			}
		}
	}
	return lines
}

// redactSecretValues replaces in message every value the file gives a secret key: each
// secret line's text after '=' (and each line of a multi-line value), with quotes trimmed.
func redactSecretValues(message, text string) string {
	all := strings.Split(text, "\n")
	for n := range secretLines(text) {
		line := all[n-1]
		if m := secretKeyAssignment.FindStringIndex(line); m != nil {
			line = line[m[1]:]
		}
		value := strings.Trim(strings.TrimSpace(line), `"'`)
		if len(value) >= 3 {
			message = strings.ReplaceAll(message, value, "<redacted>")
		}
	}
	return message
}
