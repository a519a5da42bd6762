package common

import "github.com/zoompose/zoompose/ops"

// Ops returns the operations screens run inside their commands, bound to
// these dependencies. It is nil when no credentials are configured.
func (d *Deps) Ops() *ops.Ops {
	if d == nil || d.Client == nil {
		return nil
	}
	return &ops.Ops{Client: d.Client, Store: d.Store, Profile: d.Profile.Name, Now: d.Now}
}

// WhyHistoryDamaged is why the keys that start an operation are off once
// the history file showed damage: its intent could not be written, so
// nothing is sent.
const WhyHistoryDamaged = "the history file is damaged, so nothing is sent"

// SendingOff is why no operation may start now (WhyHistoryDamaged), or ""
// when operations may start. Damage is for good: the file must be moved
// away and zoompose started again.
func (d *Deps) SendingOff() string {
	if d == nil || d.Store == nil || d.Store.Damaged() == nil {
		return ""
	}
	return WhyHistoryDamaged
}

// NotConfigured is the sentence screens show when an operation needs Zoom
// credentials that are not configured.
func (d *Deps) NotConfigured() string {
	if d != nil && d.ConfigHint != "" {
		return d.ConfigHint
	}
	return "Zoom credentials are not configured: set ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET, ZOOM_ACCOUNT_ID, ZOOM_BOT_JID and ZOOM_USER_JID, or run zoompose --sandbox to try it"
}
