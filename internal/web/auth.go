package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Cookies.
const (
	sessionCookie = "dossier_session"
	csrfCookie    = "dossier_csrf"
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
	sessionTTL    = 7 * 24 * time.Hour
)

// keys are derived from the token: a session signed with one token is
// worthless once the token changes, and sessions survive a restart.
type keys struct {
	token   string
	session []byte
}

func newKeys(token string) keys {
	if token == "" {
		return keys{}
	}
	k := sha256.Sum256([]byte("dossier session key\x00" + token))
	return keys{token: token, session: k[:]}
}

func (k keys) mac(s string) string {
	m := hmac.New(sha256.New, k.session)
	m.Write([]byte(s))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// newSession returns a session cookie value valid until now+sessionTTL.
func (k keys) newSession(now time.Time) string {
	exp := strconv.FormatInt(now.Add(sessionTTL).Unix(), 10)
	return exp + "." + k.mac("session\x00"+exp)
}

func (k keys) validSession(v string, now time.Time) bool {
	exp, mac, ok := strings.Cut(v, ".")
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || now.Unix() > n {
		return false
	}
	return hmac.Equal([]byte(mac), []byte(k.mac("session\x00"+exp)))
}

func (k keys) validToken(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(k.token)) == 1
}

// authKind says how a request proved it may be served.
type authKind int

const (
	authOpen    authKind = iota // no token configured
	authBearer                  // Authorization: Bearer
	authSession                 // the session cookie
)

type authKey struct{}

// isPublic reports whether path is served without a token.
func isPublic(path string) bool {
	return path == "/healthz" || path == "/login" || strings.HasPrefix(path, "/static/")
}

func isSafe(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// authenticate requires the token when one is configured, as a bearer
// token or a session cookie. A session-authenticated API call that changes
// something must also carry the CSRF token in a header.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.keys.token == "" || isPublic(r.URL.Path) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, authOpen)))
			return
		}
		if h := r.Header.Get("Authorization"); h != "" {
			t, ok := strings.CutPrefix(h, "Bearer ")
			if !ok || !s.keys.validToken(strings.TrimSpace(t)) {
				s.renderError(w, r, &httpError{Status: http.StatusUnauthorized, Code: codeUnauthorized, Message: "wrong token"})
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, authBearer)))
			return
		}
		if c, err := r.Cookie(sessionCookie); err == nil && s.keys.validSession(c.Value, s.opts.Now()) {
			if isAPI(r) && !isSafe(r.Method) && !validCSRF(r, r.Header.Get(csrfHeader)) {
				s.renderError(w, r, &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: "missing or wrong " + csrfHeader + " header"})
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, authSession)))
			return
		}
		if !isAPI(r) && isSafe(r.Method) {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="dossier"`)
		s.renderError(w, r, &httpError{Status: http.StatusUnauthorized, Code: codeUnauthorized, Message: "a token is required (Authorization: Bearer TOKEN)"})
	})
}

// csrfToken returns the request's CSRF token, setting the cookie that holds
// it when there is none yet. Forms echo it in a hidden field (double submit);
// the cookie is HttpOnly and SameSite=Strict, so another site can neither
// read nor send it.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	v := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteStrictMode})
	// Later reads in this request see it too.
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: v})
	return v
}

// validCSRF reports whether given matches the request's CSRF cookie.
func validCSRF(r *http.Request, given string) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) < 32 || given == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(given)) == 1
}

// checkForm parses a posted form (bounded) and checks its CSRF field.
func (s *Server) checkForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxJSON)
	if err := r.ParseForm(); err != nil {
		return badRequest("malformed form: %v", err)
	}
	if !validCSRF(r, r.PostFormValue(csrfField)) {
		return &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: "the form's CSRF token is missing or wrong; reload the page and try again"}
	}
	return nil
}

// localPath returns next if it is a path on this site, else "/".
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}

func (s *Server) uiLogin(w http.ResponseWriter, r *http.Request) error {
	if s.keys.token == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	s.renderPage(w, r, http.StatusOK, "login", loginPage{Next: localPath(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) uiLoginForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkForm(w, r); err != nil {
		return err
	}
	next := localPath(r.PostFormValue("next"))
	if s.keys.token == "" {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	if !s.keys.validToken(r.PostFormValue("token")) {
		s.renderPage(w, r, http.StatusUnauthorized, "login", loginPage{Next: next, Failed: true})
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: s.keys.newSession(s.opts.Now()), Path: "/",
		MaxAge: int(sessionTTL.Seconds()), HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) uiLogout(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkForm(w, r); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// secure reports whether cookies get the Secure attribute: always unless
// Options.Insecure, and then still when the request came over HTTPS (TLS
// here, or a proxy saying so).
func (s *Server) secure(r *http.Request) bool {
	return !s.opts.Insecure || r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
