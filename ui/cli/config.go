package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/ops"
	"github.com/zoompose/zoompose/zoom"
)

// EnvProfileName is Config.Profile when no profile was selected and every value came from
// flags, the environment or the defaults.
const EnvProfileName = "env"

// Config is the resolved configuration of one command: flags over environment over the
// profile of the config file over defaults. It holds the client secret, so it is never
// printed: String omits the secret.
type Config struct {
	Profile string // the profile's name, or EnvProfileName
	Kind    string // "dev", "prod" or "" (for the UI badge)
	// Confirm is when a prod profile asks before send, edit and delete: "terminal" (the
	// default: when stdin is a terminal; scripts proceed) or "always" (scripts need --yes).
	Confirm string
	Path    string // the config file that was read, "" when there was none

	ClientID, ClientSecret, AccountID string
	BotJID, UserJID                   string
	APIURL, TokenURL                  string
	DB                                string // history file

	// Events (zoompose events and the Events screen): Zoom's WebSocket and its
	// subscription, or the secret token that signs webhooks (a secret, like ClientSecret).
	EventsURL, EventSubscriptionID string
	WebhookSecretToken             string

	// ScheduleMaxLate is how late a scheduled send may be and still go out by itself (a Go
	// duration, e.g. "2h"); schedule run skips one later than this, with a message.
	ScheduleMaxLate string

	origins map[string]string // env var name -> where its value came from, for error sentences
}

// ConfigFlags are the command-line values that override the environment and the file.
// The client secret has no flag on purpose: a flag would show in `ps` and shell history.
type ConfigFlags struct {
	Profile, ConfigPath                  string
	ClientID, AccountID, BotJID, UserJID string
	APIURL, TokenURL, DB                 string
}

// setting is one configurable value: its variable, its key in a profile table, its flag.
type setting struct {
	env, key, flag string
	flagValue      func(ConfigFlags) string
	target         func(*Config) *string
	fallback       func(getenv func(string) string) string
}

var settings = []setting{
	{"ZOOM_CLIENT_ID", "client_id", "--client-id", func(f ConfigFlags) string { return f.ClientID }, func(c *Config) *string { return &c.ClientID }, nil},
	{"ZOOM_CLIENT_SECRET", "client_secret", "", func(ConfigFlags) string { return "" }, func(c *Config) *string { return &c.ClientSecret }, nil},
	{"ZOOM_ACCOUNT_ID", "account_id", "--account-id", func(f ConfigFlags) string { return f.AccountID }, func(c *Config) *string { return &c.AccountID }, nil},
	{"ZOOM_BOT_JID", "bot_jid", "--bot-jid", func(f ConfigFlags) string { return f.BotJID }, func(c *Config) *string { return &c.BotJID }, nil},
	{"ZOOM_USER_JID", "user_jid", "--user-jid", func(f ConfigFlags) string { return f.UserJID }, func(c *Config) *string { return &c.UserJID }, nil},
	{"ZOOM_API_URL", "api_url", "--api-url", func(f ConfigFlags) string { return f.APIURL }, func(c *Config) *string { return &c.APIURL }, constant(zoom.DefaultAPIURL)},
	{"ZOOM_TOKEN_URL", "token_url", "--token-url", func(f ConfigFlags) string { return f.TokenURL }, func(c *Config) *string { return &c.TokenURL }, constant(zoom.DefaultTokenURL)},
	{"ZOOMPOSE_DB", "db", "--db", func(f ConfigFlags) string { return f.DB }, func(c *Config) *string { return &c.DB }, history.DefaultPathFrom},
	// The event settings have no flag, and an empty default: only `zoompose events` and the
	// Events screen need them, and they say which one is missing.
	{"ZOOM_EVENTS_URL", "events_url", "", noFlag, func(c *Config) *string { return &c.EventsURL }, constant(zoom.DefaultEventsURL)},
	{"ZOOM_EVENT_SUBSCRIPTION_ID", "event_subscription_id", "", noFlag, func(c *Config) *string { return &c.EventSubscriptionID }, constant("")},
	{"ZOOM_WEBHOOK_SECRET_TOKEN", "webhook_secret_token", "", noFlag, func(c *Config) *string { return &c.WebhookSecretToken }, constant("")},
	// schedule run --max-late overrides it.
	{"ZOOMPOSE_SCHEDULE_MAX_LATE", "schedule_max_late", "", noFlag, func(c *Config) *string { return &c.ScheduleMaxLate }, constant(ops.DefaultMaxLate.String())},
}

func noFlag(ConfigFlags) string { return "" }

func constant(v string) func(func(string) string) string {
	return func(func(string) string) string { return v }
}

// profileKeys are the keys a [profiles.NAME] table may hold.
var profileKeys = func() []string {
	keys := []string{"kind", "confirm"}
	for _, s := range settings {
		keys = append(keys, s.key)
	}
	return keys
}()

type configFile struct {
	DefaultProfile string                       `toml:"default_profile"`
	Profiles       map[string]map[string]string `toml:"profiles"`
}

// LoadConfig resolves the configuration: each value from its flag, else its environment
// variable, else the selected profile of the config file, else its default. The profile is
// --profile, else ZOOMPOSE_PROFILE, else the file's default_profile. It fails with a sentence
// that says what to fix when the file cannot be used: unreadable, invalid, an unknown
// profile or key, or a secret in a file that other users can read.
func LoadConfig(flags ConfigFlags, getenv func(string) string) (Config, error) {
	path, explicit := configPath(flags, getenv)
	file, found, err := readConfigFile(path, explicit)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{Profile: EnvProfileName, origins: map[string]string{}}
	if found {
		cfg.Path = path
	}
	profile, err := selectProfile(flags, getenv, file, cfg.Path)
	if err != nil {
		return Config{}, err
	}
	if profile != "" {
		cfg.Profile = profile
		cfg.Kind = file.Profiles[profile]["kind"]
		cfg.Confirm = file.Profiles[profile]["confirm"]
	}
	for _, s := range settings {
		value, origin := resolve(s, flags, getenv, file.Profiles[profile], profile, cfg.Path)
		*s.target(&cfg) = value
		cfg.origins[s.env] = origin
	}
	return cfg, nil
}

// checkIdentities refuses a bot or user JID that is set but not shaped like a Zoom user JID
// (zoom.CheckUserJID), and a client or account id with whitespace, control or non-ASCII
// characters in it (zoom.CheckID), naming the variable and where its value came from: each
// goes into every request, so it is a usage error at load, before anything touches the
// network. It runs where a Zoom client is built (commands that call Zoom, and the app, which
// starts offline with the sentence instead), not at load: the history commands need no
// identity. An unset one is left to the client, which names the variable to set. The client
// secret is not checked here, so that no error can ever quote it.
func (c Config) checkIdentities() error {
	for _, s := range []struct{ env, value string }{{"ZOOM_CLIENT_ID", c.ClientID}, {"ZOOM_ACCOUNT_ID", c.AccountID}} {
		if s.value == "" {
			continue
		}
		// The value is not quoted: a client id is next to the secret, and pasted in its place
		// now and then.
		if zoom.CheckID("the value", s.value) != nil {
			return usagef("%s (from %s) is wrong: it must be 1 to %d printable ASCII characters, without spaces, line breaks or control characters; copy it from the app's credentials in the Zoom Marketplace",
				s.env, c.Origin(s.env), zoom.MaxIDLen)
		}
	}
	for _, s := range []struct{ env, value, what string }{
		{"ZOOM_BOT_JID", c.BotJID, "the bot JID from Marketplace → Features → Team Chat Subscription (v1…@xmpp.zoom.us)"},
		{"ZOOM_USER_JID", c.UserJID, "the JID of the user the bot acts for (…@xmpp.zoom.us)"},
	} {
		if s.value == "" {
			continue
		}
		if err := zoom.CheckUserJID(s.value); err != nil {
			return usagef("%s (from %s) is wrong: %v; it must be %s", s.env, c.Origin(s.env), err, s.what)
		}
	}
	return nil
}

func resolve(s setting, flags ConfigFlags, getenv func(string) string, profile map[string]string, name, path string) (value, origin string) {
	if v := s.flagValue(flags); v != "" {
		return v, "the " + s.flag + " flag"
	}
	if v := getenv(s.env); v != "" {
		return v, "the environment"
	}
	if v := profile[s.key]; v != "" {
		return v, fmt.Sprintf("%s in profile %q of %s", s.key, name, path)
	}
	if s.fallback != nil {
		return s.fallback(getenv), "the default"
	}
	return "", ""
}

// configPath is --config, else ZOOMPOSE_CONFIG, else $XDG_CONFIG_HOME/zoompose/config.toml.
// explicit reports whether the user named the file, in which case it must exist.
func configPath(flags ConfigFlags, getenv func(string) string) (path string, explicit bool) {
	if flags.ConfigPath != "" {
		return flags.ConfigPath, true
	}
	if p := getenv("ZOOMPOSE_CONFIG"); p != "" {
		return p, true
	}
	// The process's environment resolves XDG_CONFIG_HOME through adrg/xdg (environ).
	return filepath.Join(getenv("XDG_CONFIG_HOME"), "zoompose", "config.toml"), false
}

func readConfigFile(path string, explicit bool) (configFile, bool, error) {
	var file configFile
	info, err := os.Stat(path)
	if os.IsNotExist(err) && !explicit {
		return file, false, nil
	}
	if err != nil {
		return file, false, usagef("cannot read the config file %s: %v", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return file, false, usagef("cannot read the config file %s: %v", path, err)
	}
	if _, err := toml.Decode(string(data), &file); err != nil {
		return file, false, usagef("the config file %s is not valid TOML: %s", path, describeTOMLError(err, string(data)))
	}
	if err := checkProfileKeys(file, path); err != nil {
		return file, false, err
	}
	// A file that others can read leaks the secret; one that others can write could point
	// token_url elsewhere and collect it. Either way it must be private.
	if holdsSecret(file) && info.Mode().Perm()&0o077 != 0 {
		return file, false, usagef("the config file %s holds a client secret but other users can access it (mode %04o); run: chmod 600 %s",
			path, info.Mode().Perm(), path)
	}
	return file, true, nil
}

func checkProfileKeys(file configFile, path string) error {
	for name, profile := range file.Profiles {
		for key, value := range profile {
			if !slices.Contains(profileKeys, key) {
				return usagef("the config file %s has an unknown key %q in profile %q; known keys: %s",
					path, key, name, strings.Join(profileKeys, ", "))
			}
			if key == "kind" && value != "dev" && value != "prod" {
				return usagef("the config file %s sets kind = %q in profile %q; use \"dev\" or \"prod\"", path, value, name)
			}
			if key == "confirm" && value != "terminal" && value != "always" {
				return usagef("the config file %s sets confirm = %q in profile %q; use \"terminal\" (ask when there is one) or \"always\" (scripts need --yes)", path, value, name)
			}
		}
	}
	return nil
}

func holdsSecret(file configFile) bool {
	for _, profile := range file.Profiles {
		if profile["client_secret"] != "" || profile["webhook_secret_token"] != "" {
			return true
		}
	}
	return false
}

func selectProfile(flags ConfigFlags, getenv func(string) string, file configFile, path string) (string, error) {
	name, from := flags.Profile, "--profile"
	if name == "" {
		name, from = getenv("ZOOMPOSE_PROFILE"), "ZOOMPOSE_PROFILE"
	}
	if name == "" {
		name, from = file.DefaultProfile, "default_profile"
	}
	if name == "" {
		return "", nil
	}
	if _, ok := file.Profiles[name]; ok {
		return name, nil
	}
	if path == "" {
		return "", usagef("%s names profile %q but there is no config file; create %s with a [profiles.%s] table",
			from, name, "$XDG_CONFIG_HOME/zoompose/config.toml", name)
	}
	return "", usagef("%s names profile %q, which %s does not define; profiles there: %s",
		from, name, path, strings.Join(profileNames(file), ", "))
}

func profileNames(file configFile) []string {
	names := make([]string, 0, len(file.Profiles))
	for name := range file.Profiles {
		names = append(names, name)
	}
	slices.Sort(names)
	if len(names) == 0 {
		return []string{"(none)"}
	}
	return names
}

// ZoomConfig is the client configuration for these settings.
func (c Config) ZoomConfig() zoom.Config {
	return zoom.Config{
		ClientID: c.ClientID, ClientSecret: c.ClientSecret, AccountID: c.AccountID,
		RobotJID: c.BotJID, UserJID: c.UserJID, APIURL: c.APIURL, TokenURL: c.TokenURL,
	}
}

// Origin says where the value of an environment variable's setting came from, e.g.
// "the environment" or `client_secret in profile "dev" of /home/a/.config/zoompose/config.toml`.
func (c Config) Origin(env string) string {
	if o := c.origins[env]; o != "" {
		return o
	}
	return "nowhere"
}

// ProfileLine is what every command prints to stderr first: which profile it uses.
func (c Config) ProfileLine() string {
	if c.Kind != "" {
		return fmt.Sprintf("profile: %s (%s)", c.Profile, c.Kind)
	}
	return "profile: " + c.Profile
}

// GoString is String, so that %#v does not print the secret either.
func (c Config) GoString() string { return c.String() }

// String describes the configuration without the client secret, so that an accidental
// %v never prints it.
func (c Config) String() string {
	return fmt.Sprintf("profile=%s kind=%s client_id=%s account_id=%s bot_jid=%s user_jid=%s api_url=%s token_url=%s db=%s events_url=%s event_subscription_id=%s",
		c.Profile, c.Kind, c.ClientID, c.AccountID, c.BotJID, c.UserJID, c.APIURL, c.TokenURL, c.DB, c.EventsURL, c.EventSubscriptionID)
}

// missingSettingError turns the client's missing field into the variable to set.
func missingSettingError(cfg Config, missing *zoom.MissingFieldError) error {
	env := missing.EnvVar()
	if env == "" {
		return usagef("the Zoom configuration lacks %s", missing.Field)
	}
	where := "set " + env
	if cfg.Path != "" && cfg.Profile != EnvProfileName {
		where += fmt.Sprintf(" or %s in profile %q of %s", profileKey(env), cfg.Profile, cfg.Path)
	}
	return usagef("%s is not set: %s (or try --sandbox)", env, where)
}

// profileKey is the config file key of the setting read from the variable env.
func profileKey(env string) string {
	for _, s := range settings {
		if s.env == env {
			return s.key
		}
	}
	return strings.ToLower(env)
}
