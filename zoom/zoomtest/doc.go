// Package zoomtest is a strict local simulator of Zoom's chatbot API: the OAuth token
// endpoint and the send, edit, delete and unfurl operations, with Zoom's statuses, error
// codes and bodies, sent_time formats, per-account rate limits and fault switches.
//
// Every test of zoompose talks to it over real HTTP, and `zoompose sandbox` / `zoompose
// --sandbox` serve it. It is meant to be at least as strict as Zoom: what it accepts, Zoom
// should accept; what Zoom documents as an error, it answers with the documented code and
// message (from Zoom's chatbot OpenAPI, its docs, its Rivet SDK and observed error bodies).
//
// Routes:
//
//	POST   /oauth/token                                    client credentials → bearer token
//	POST   /v2/im/chat/messages                            send   → 201
//	PUT    /v2/im/chat/messages/{message_id}               edit   → 200
//	DELETE /v2/im/chat/messages/{message_id}?account_id=&robot_jid=&user_jid=  → 200
//	POST   /v2/im/chat/users/{userId}/unfurls/{triggerId}  unfurl → 204
//
// An API call is checked in this order, and the first failure answers:
//
//  1. the route (404 unknown path, 405 wrong method, with a JSON body);
//  2. armed faults (FailNext, RateLimitNext);
//  3. the bearer token (401: 7010 missing or unknown, 124 expired);
//  4. the account's rate limits (429 with X-RateLimit-Type and Retry-After);
//  5. the body: Content-Type application/json, one JSON object, required fields and their
//     types, no unknown fields (400/7001 with an "errors" array naming each field);
//  6. identities: robot_jid shape (404/7002), robot known (403/7003), account_id the
//     token's (403/7004), to_jid a known channel or user (403/7004), message_id a live
//     message of this robot (404/8001), unfurl trigger issued for that user (404/8002);
//  7. the card: structure and element types (400/7001 naming a path such as
//     content.body[2].type), then reply_to (a message the simulator has seen: sent by the
//     bot, or carried by an event it emitted).
//
// Where Zoom's behaviour is unknown the simulator accepts, so zoompose never learns to refuse
// a card Zoom would take (a footer-only section, a button without value, Zoom for
// Government JIDs). What the evidence says Zoom will not show as written (style with markdown
// on, **, [label](url), fields its SDK types as required) is accepted and noted: the notes
// are kept on the Message and logged under the request's line (notes.go).
//
// Every answer carries x-zm-trackingid; every /v2 answer carries X-RateLimit-Category,
// and X-RateLimit-Limit/Remaining when a limit is on. The requests are recorded with their
// raw headers (credentials included, for assertions) but log lines never show a secret.
//
// SetHostile plays a Zoom whose answers try to take over the terminal of whoever prints
// them: escape sequences (HostileText) in error messages, the token endpoint's error
// fields, and the ids and fields of message answers.
package zoomtest
