package history

import (
	"bytes"
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// putJSON stores v as JSON under key in the named bucket (encodeRecord).
func putJSON(tx *bolt.Tx, bucket, key []byte, v any) error {
	data, err := encodeRecord(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put(key, data)
}

// encodeRecord is the stored form of a record: encoding/json with HTML
// escaping off, so content JSON keeps its characters as sent (only
// whitespace is compacted), and no trailing newline.
func encodeRecord(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// copyableRecord reports whether a stored message record is, byte for byte,
// what decoding and encoding it again would give, so WalkJSON may hand it
// out as it is. A record as encodeRecord wrote it is, with one exception: a
// string that held bytes that are not UTF-8 was written with \ufffd
// escapes, which decode to U+FFFD and encode again as the character itself.
// A record that is not valid JSON, or not an object beginning with its id as
// a Message does, is damaged (the tests plant bytes that are not JSON); the
// caller decodes those to say what is wrong.
func copyableRecord(raw []byte) bool {
	return bytes.HasPrefix(raw, []byte(`{"id":"`)) && !bytes.Contains(raw, []byte(`\ufffd`)) && validJSON(raw)
}

// decodeJSON decodes a stored value, naming the record when it is damaged.
func decodeJSON(bucket, key, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return &CorruptError{Bucket: string(bucket), Key: printableKey(bucket, key), Err: err}
	}
	return nil
}

// printableKey drops the binary time prefix of ordered keys so warnings show
// the id the user knows.
func printableKey(bucket, key []byte) string {
	switch string(bucket) {
	case string(bucketByTime), string(bucketSearch), string(bucketUnfurls):
		return idOf(key)
	}
	return string(key)
}

// eachJSON decodes every value of a bucket in key order, calling fn for each
// record that decodes and s.warn for each one that does not.
func eachJSON[T any](s *Store, tx *bolt.Tx, bucket []byte, fn func(T) error) error {
	return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		var rec T
		if err := decodeJSON(bucket, k, v, &rec); err != nil {
			s.warn(err)
			return nil
		}
		return fn(rec)
	})
}
