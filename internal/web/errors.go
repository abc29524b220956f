package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/dossier-news/dossier/internal/store"
)

// Error codes: the closed set a client can branch on. unauthorized and
// forbidden complete the set for access control (401 and 403).
const (
	codeBadRequest   = "bad_request"
	codeUnauthorized = "unauthorized"
	codeForbidden    = "forbidden"
	codeNotFound     = "not_found"
	codeConflict     = "conflict"
	codeUnavailable  = "unavailable"
	codeInternal     = "internal"
)

// ErrUnavailable is returned, wrapped, by an [Ingester] that cannot take
// documents now (it is starting or stopping); clients get a 503.
var ErrUnavailable = errors.New("unavailable")

// httpError is an error with the status and code a client sees. Message is
// safe to show; Err, if any, is logged, never sent.
type httpError struct {
	Status  int
	Code    string
	Message string
	Err     error
}

func (e *httpError) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *httpError) Unwrap() error { return e.Err }

func badRequest(format string, args ...any) error {
	return &httpError{Status: http.StatusBadRequest, Code: codeBadRequest, Message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &httpError{Status: http.StatusNotFound, Code: codeNotFound, Message: fmt.Sprintf(format, args...)}
}

// classify maps any error to what the client is told.
func classify(err error) *httpError {
	if he, ok := errors.AsType[*httpError](err); ok {
		return he
	}
	if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return &httpError{Status: http.StatusRequestEntityTooLarge, Code: codeBadRequest,
			Message: fmt.Sprintf("request body larger than %d bytes", mbe.Limit)}
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &httpError{Status: http.StatusNotFound, Code: codeNotFound, Message: err.Error()}
	case errors.Is(err, store.ErrInvalid):
		return &httpError{Status: http.StatusBadRequest, Code: codeBadRequest, Message: err.Error()}
	case errors.Is(err, ErrUnavailable):
		return &httpError{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return &httpError{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: "the request took too long", Err: err}
	case errors.Is(err, context.Canceled):
		return &httpError{Status: 499, Code: codeUnavailable, Message: "request cancelled", Err: err}
	}
	return &httpError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error", Err: err}
}

// errorBody is the error envelope.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeAPIError writes e as the JSON error envelope.
func writeAPIError(w http.ResponseWriter, e *httpError) {
	var b errorBody
	b.Error.Code, b.Error.Message = e.Code, e.Message
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	status := e.Status
	if status == 499 {
		status = http.StatusServiceUnavailable
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(b)
}
