package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/zoompose/zoompose/zoom"
	"github.com/zoompose/zoompose/zoom/zoomtest"
)

const twoProfiles = `default_profile = "dev"

[profiles.dev]
kind = "dev"
client_id = "dev-id"
client_secret = "dev-secret-value"
account_id = "DEVACCT"
bot_jid = "devbot@xmpp.zoom.us"
user_jid = "devadmin@xmpp.zoom.us"
api_url = "http://dev.example/v2"
db = "/tmp/dev.db"

[profiles.prod]
kind = "prod"
client_id = "prod-id"
client_secret = "prod-secret-value"
account_id = "PRODACCT"
bot_jid = "prodbot@xmpp.zoom.us"
user_jid = "prodadmin@xmpp.zoom.us"
`

// configEnv is an environment whose config file (mode 0600) holds content.
func configEnv(t *testing.T, content string, mode os.FileMode) (map[string]string, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "zoompose", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"XDG_CONFIG_HOME": dir, "HOME": dir}, path
}

func getenvFrom(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

func TestConfigPrecedence(t *testing.T) {
	cases := []struct {
		name        string
		flags       ConfigFlags
		env         map[string]string
		wantProfile string
		wantKind    string
		wantClient  string
		wantBot     string
		wantAPI     string
		wantDB      string
	}{
		{name: "file default profile", wantProfile: "dev", wantKind: "dev", wantClient: "dev-id", wantBot: "devbot@xmpp.zoom.us", wantAPI: "http://dev.example/v2", wantDB: "/tmp/dev.db"},
		{name: "ZOOMPOSE_PROFILE over default_profile", env: map[string]string{"ZOOMPOSE_PROFILE": "prod"},
			wantProfile: "prod", wantKind: "prod", wantClient: "prod-id", wantBot: "prodbot@xmpp.zoom.us", wantAPI: zoom.DefaultAPIURL, wantDB: "DATA/zoompose/history.db"},
		{name: "--profile over ZOOMPOSE_PROFILE", flags: ConfigFlags{Profile: "dev"}, env: map[string]string{"ZOOMPOSE_PROFILE": "prod"},
			wantProfile: "dev", wantKind: "dev", wantClient: "dev-id", wantBot: "devbot@xmpp.zoom.us", wantAPI: "http://dev.example/v2", wantDB: "/tmp/dev.db"},
		{name: "environment over file", env: map[string]string{"ZOOM_CLIENT_ID": "env-id", "ZOOM_API_URL": "http://env.example/v2", "ZOOMPOSE_DB": "/tmp/env.db"},
			wantProfile: "dev", wantKind: "dev", wantClient: "env-id", wantBot: "devbot@xmpp.zoom.us", wantAPI: "http://env.example/v2", wantDB: "/tmp/env.db"},
		{name: "flags over environment", flags: ConfigFlags{ClientID: "flag-id", BotJID: "flagbot@xmpp.zoom.us", DB: "/tmp/flag.db"},
			env:         map[string]string{"ZOOM_CLIENT_ID": "env-id", "ZOOM_BOT_JID": "envbot@xmpp.zoom.us", "ZOOMPOSE_DB": "/tmp/env.db"},
			wantProfile: "dev", wantKind: "dev", wantClient: "flag-id", wantBot: "flagbot@xmpp.zoom.us", wantAPI: "http://dev.example/v2", wantDB: "/tmp/flag.db"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := configEnv(t, twoProfiles, 0o600)
			env["XDG_DATA_HOME"] = "DATA"
			for k, v := range tc.env {
				env[k] = v
			}
			cfg, err := LoadConfig(tc.flags, getenvFrom(env))
			if err != nil {
				t.Fatal(err)
			}
			got := []string{cfg.Profile, cfg.Kind, cfg.ClientID, cfg.BotJID, cfg.APIURL, cfg.DB}
			want := []string{tc.wantProfile, tc.wantKind, tc.wantClient, tc.wantBot, tc.wantAPI, tc.wantDB}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("profile, kind, client, bot, api, db =\n %v\nwant\n %v", got, want)
			}
			if cfg.TokenURL != zoom.DefaultTokenURL {
				t.Errorf("token URL = %s, want the default", cfg.TokenURL)
			}
		})
	}
}

func TestConfigWithoutFileUsesTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HOME": dir, "XDG_CONFIG_HOME": filepath.Join(dir, "config"), "XDG_DATA_HOME": filepath.Join(dir, "data"),
		"ZOOM_CLIENT_ID": "id", "ZOOM_CLIENT_SECRET": "very-secret"}
	cfg, err := LoadConfig(ConfigFlags{}, getenvFrom(env))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != EnvProfileName || cfg.Path != "" || cfg.ClientID != "id" || cfg.ProfileLine() != "profile: env" {
		t.Errorf("config = %v (line %q)", cfg, cfg.ProfileLine())
	}
	if want := filepath.Join(dir, "data", "zoompose", "history.db"); cfg.DB != want {
		t.Errorf("db = %s, want %s", cfg.DB, want)
	}
	if strings.Contains(fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg), "very-secret") {
		t.Errorf("String shows the secret: %s", cfg)
	}
}

// The program's own environment (environ) takes the config file and the
// history from XDG_CONFIG_HOME and XDG_DATA_HOME when they hold absolute paths,
// else from the defaults under HOME, through adrg/xdg. adrg/xdg reads the
// environment when the program starts, so the test reloads it after each
// change and once more when the variables are restored.
// On a platform whose default moved (macOS: ~/Library/Application Support),
// zoompose's files where it kept them before stay in use; a variable set to
// an absolute path still wins.
func TestKeptDirKeepsTheOldPlaceWhileItHoldsZoomposesFiles(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "")
	moved := filepath.Join(home, "Library", "Application Support")
	if got := keptDir("XDG_DATA_HOME", moved, ".local", "share"); got != moved {
		t.Errorf("with nothing in the old place: %q, want %q", got, moved)
	}
	if err := os.MkdirAll(filepath.Join(home, ".local", "share", "zoompose"), 0o700); err != nil {
		t.Fatal(err)
	}
	if got, want := keptDir("XDG_DATA_HOME", moved, ".local", "share"), filepath.Join(home, ".local", "share"); got != want {
		t.Errorf("with a history in the old place: %q, want %q", got, want)
	}
	chosen := filepath.Join(home, "chosen")
	t.Setenv("XDG_DATA_HOME", chosen)
	if got := keptDir("XDG_DATA_HOME", chosen, ".local", "share"); got != chosen {
		t.Errorf("with XDG_DATA_HOME set: %q, want %q", got, chosen)
	}
}

func TestEnvironResolvesTheXDGDirectories(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the defaults under HOME are Linux's")
	}
	t.Cleanup(xdg.Reload) // registered first, so it runs after t.Setenv restores the variables
	home := t.TempDir()
	cases := []struct{ name, config, data, wantConfig, wantData string }{
		{"set", filepath.Join(home, "c"), filepath.Join(home, "d"), filepath.Join(home, "c"), filepath.Join(home, "d")},
		{"unset", "", "", filepath.Join(home, ".config"), filepath.Join(home, ".local", "share")},
		{"relative, which the spec says to ignore", "c", "d", filepath.Join(home, ".config"), filepath.Join(home, ".local", "share")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", tc.config)
			t.Setenv("XDG_DATA_HOME", tc.data)
			t.Setenv("ZOOMPOSE_CONFIG", "")
			t.Setenv("ZOOMPOSE_DB", "")
			t.Setenv("ZOOMPOSE_PROFILE", "")
			xdg.Reload()
			configFile := filepath.Join(tc.wantConfig, "zoompose", "config.toml")
			if err := os.MkdirAll(filepath.Dir(configFile), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(configFile, []byte(twoProfiles), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := LoadConfig(ConfigFlags{Profile: "prod"}, environ)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Path != configFile || cfg.ClientID != "prod-id" {
				t.Errorf("config file %q (client %q), want %q", cfg.Path, cfg.ClientID, configFile)
			}
			if want := filepath.Join(tc.wantData, "zoompose", "history.db"); cfg.DB != want {
				t.Errorf("history %q, want %q", cfg.DB, want)
			}
		})
	}
}

func TestConfigFileErrors(t *testing.T) {
	cases := []struct {
		name      string
		content   string
		mode      os.FileMode
		flags     ConfigFlags
		env       map[string]string
		fragments []string
	}{
		{name: "secret readable by others", content: twoProfiles, mode: 0o644, fragments: []string{"chmod 600 PATH", "other users"}},
		{name: "secret readable by the group", content: twoProfiles, mode: 0o640, fragments: []string{"chmod 600 PATH"}},
		{name: "unknown profile flag", content: twoProfiles, mode: 0o600, flags: ConfigFlags{Profile: "staging"}, fragments: []string{`"staging"`, "dev, prod"}},
		{name: "unknown ZOOMPOSE_PROFILE", content: twoProfiles, mode: 0o600, env: map[string]string{"ZOOMPOSE_PROFILE": "qa"}, fragments: []string{"ZOOMPOSE_PROFILE", `"qa"`}},
		{name: "unknown key", content: "[profiles.dev]\nclientid = \"x\"\n", mode: 0o600, fragments: []string{`"clientid"`, "client_id"}},
		{name: "bad kind", content: "[profiles.dev]\nkind = \"staging\"\n", mode: 0o600, fragments: []string{"kind", `"dev" or "prod"`}},
		{name: "not TOML", content: "default_profile = \n", mode: 0o600, fragments: []string{"not valid TOML"}},
		{name: "explicit file missing", content: "", mode: 0o600, flags: ConfigFlags{ConfigPath: "/nonexistent/zoompose.toml"}, fragments: []string{"/nonexistent/zoompose.toml"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, path := configEnv(t, tc.content, tc.mode)
			for k, v := range tc.env {
				env[k] = v
			}
			_, err := LoadConfig(tc.flags, getenvFrom(env))
			var usage *usageError
			if !errors.As(err, &usage) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			for _, f := range tc.fragments {
				if f = strings.ReplaceAll(f, "PATH", path); !strings.Contains(err.Error(), f) {
					t.Errorf("%q does not contain %q", err, f)
				}
			}
			for _, secret := range []string{"dev-secret-value", "prod-secret-value"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error shows a secret: %s", err)
				}
			}
		})
	}
}

// A file without a secret may be readable by others: it holds nothing to steal.
func TestConfigFileWithoutSecretMayBeShared(t *testing.T) {
	env, _ := configEnv(t, "[profiles.team]\nbot_jid = \"bot@xmpp.zoom.us\"\n", 0o644)
	env["ZOOMPOSE_PROFILE"] = "team"
	cfg, err := LoadConfig(ConfigFlags{}, getenvFrom(env))
	if err != nil || cfg.BotJID != "bot@xmpp.zoom.us" {
		t.Fatalf("cfg = %v, err = %v", cfg, err)
	}
}

// Every command says which profile it used; a missing credential names the variable and,
// when a profile is in use, the key of the file.
func TestCommandsUseTheSelectedProfile(t *testing.T) {
	h := newHarness(t)
	for _, k := range []string{"ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET", "ZOOM_ACCOUNT_ID", "ZOOM_BOT_JID", "ZOOM_USER_JID", "ZOOM_API_URL", "ZOOM_TOKEN_URL"} {
		delete(h.env, k)
	}
	profile := "[profiles.sim]\nkind = \"dev\"\n" +
		"client_id = \"" + zoomtest.ClientID + "\"\nclient_secret = \"" + zoomtest.ClientSecret + "\"\n" +
		"account_id = \"" + zoomtest.AccountID + "\"\nbot_jid = \"" + zoomtest.RobotJID + "\"\n" +
		"api_url = \"" + h.server.APIURL() + "\"\ntoken_url = \"" + h.server.TokenURL() + "\"\n"
	h.env["ZOOMPOSE_CONFIG"] = h.writeFile("config.toml", profile)
	card := h.writeFile("card.md", sampleCard)

	missing := h.exec("", "send", "--profile", "sim", "--to", zoomtest.ChannelGeneral, card)
	assertOneErrorLine(t, missing, ExitUsage, "ZOOM_USER_JID", `user_jid in profile "sim"`)
	if !strings.HasPrefix(missing.stderr, "profile: sim (dev)\n") {
		t.Errorf("stderr does not start with the profile line:\n%s", missing.stderr)
	}

	h.env["ZOOM_USER_JID"] = zoomtest.UserJID // the environment completes the profile
	sent := h.exec("", "send", "--profile", "sim", "--to", zoomtest.ChannelGeneral, card)
	if sent.code != 0 || sent.stderr != "profile: sim (dev)\n" {
		t.Fatalf("exit %d, stderr %q", sent.code, sent.stderr)
	}
	if m, _ := h.store().Get(strings.TrimSpace(sent.stdout)); m.Profile != "sim" {
		t.Errorf("history profile = %q, want sim", m.Profile)
	}
}

// A config file that is not valid TOML is reported by line, column and key, and the error
// never quotes any piece of a secret key's value, however the value is broken.
func TestConfigParseErrorsNeverQuoteASecret(t *testing.T) {
	const v = "Qx7Zk9Wv" // the secret; no 2 characters of it in a row may appear in the error
	cases := []struct {
		name, content, key string
		line               int
	}{
		{"unquoted", "[profiles.p]\nclient_secret = " + v + "\n", "client_secret", 2},
		{"unquoted with a space", "[profiles.p]\nclient_secret = Qx7 Zk9Wv\n", "client_secret", 2},
		{"unquoted after digits", "[profiles.p]\nclient_secret = 12" + v + "\n", "client_secret", 2},
		{"unquoted like a boolean", "[profiles.p]\nclient_secret = tru" + v + "\n", "client_secret", 2},
		{"unquoted like a hex number", "[profiles.p]\nclient_secret = 0x" + v + "\n", "client_secret", 2},
		{"quoted, then junk", "[profiles.p]\nclient_secret = \"" + v + "\" " + v + "\n", "client_secret", 2},
		{"quote never closed", "[profiles.p]\nclient_secret = \"" + v + "\nbot_jid = \"b@xmpp.zoom.us\"\n", "client_secret", 2},
		{"bad escape", "[profiles.p]\nclient_secret = \"Qx7\\qZk9Wv\"\n", "client_secret", 2},
		{"control character", "[profiles.p]\nclient_secret = \"Qx7\x01Zk9Wv\"\n", "client_secret", 2},
		{"multi-line string never closed", "[profiles.p]\nclient_secret = \"\"\"" + v + "\n" + v + "-line-two\n", "client_secret", 3},
		{"multi-line literal, junk after it", "[profiles.p]\nclient_secret = '''Qx7\nZk9Wv''' junk" + v + "\n", "client_secret", 3},
		{"multi-line, bad escape on line two", "[profiles.p]\nclient_secret = \"\"\"Qx7\nZk\\q9Wv\"\"\"\n", "client_secret", 3},
		{"multi-line array", "[profiles.p]\nclient_secret = [\n  " + v + ",\n]\n", "client_secret", 3},
		{"top-level key", "client_secret = " + v + "\n", "client_secret", 1},
		{"quoted key", "[profiles.p]\n\"client_secret\" = " + v + "\n", "client_secret", 2},
		{"dotted key", "profiles.p.client_secret = " + v + "\n", "client_secret", 1},
		{"inline table", "[profiles]\np = { client_secret = " + v + " }\n", "client_secret", 2},
		{"another secret-named key", "[profiles.p]\nwebhook_secret_token = " + v + "\n", "webhook_secret_token", 2},
		{"a password", "[profiles.p]\npassword = " + v + "\n", "password", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, path := configEnv(t, tc.content, 0o600)
			_, err := LoadConfig(ConfigFlags{}, getenvFrom(env))
			var usage *usageError
			if !errors.As(err, &usage) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			// The file's path is named, and a random temp dir may hold a pair such as "k9".
			msg := strings.ReplaceAll(err.Error(), path, "CONFIG")
			for i := 0; i+2 <= len(v); i++ {
				if strings.Contains(msg, v[i:i+2]) {
					t.Errorf("the error quotes %q, a piece of the secret: %s", v[i:i+2], msg)
				}
			}
			for _, want := range []string{"not valid TOML", fmt.Sprintf("line %d, column ", tc.line), tc.key} {
				if !strings.Contains(msg, want) {
					t.Errorf("%q does not contain %q", msg, want)
				}
			}
		})
	}
}

// Elsewhere toml's own message stays: it names what it found, which is no secret.
func TestConfigParseErrorsKeepTOMLTextAwayFromSecrets(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"unquoted bot JID", "[profiles.p]\nclient_secret = \"Qx7Zk9Wv\"\nbot_jid = abc\n", `line 3, column 11: expected value but found "abc" instead`},
		{"secret set twice", "[profiles.p]\nclient_secret = \"Qx7Zk9Wv\"\nclient_secret = \"Qx7Zk9Wv\"\n", "has already been defined"},
		{"multi-line secret never closed", "[profiles.p]\nclient_secret = '''Qx7Zk9Wv\n", `unexpected EOF; expected "'''"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := configEnv(t, tc.content, 0o600)
			_, err := LoadConfig(ConfigFlags{}, getenvFrom(env))
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "Qx") {
				t.Errorf("err = %v, want toml's %q and no secret", err, tc.want)
			}
		})
	}
}
