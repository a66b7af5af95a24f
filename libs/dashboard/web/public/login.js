// Sign in with an API key. `npm start` prints a link whose fragment (#key=…) carries a demo key: a fragment never
// leaves the browser, and it is removed from the address bar at once.
const form = document.getElementById('login');
const input = document.getElementById('key');
const error = document.getElementById('error');

/** Back to where the user was, but only to a path of this site. */
function next() {
  const n = new URLSearchParams(location.search).get('next') || '/';
  return n.startsWith('/') && !n.startsWith('//') && !n.startsWith('/\\') ? n : '/';
}

async function signIn(key) {
  error.hidden = true;
  const res = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }), credentials: 'same-origin' });
  if (res.status === 204) {
    location.replace(next());
    return;
  }
  const body = await res.json().catch(() => null);
  error.textContent = (body && body.error && body.error.message) || `Sign-in failed (${res.status}).`;
  error.hidden = false;
  input.focus();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (input.value.trim()) void signIn(input.value.trim());
});

const fromLink = /^#key=([A-Za-z0-9_-]{1,200})$/.exec(location.hash);
if (fromLink) {
  history.replaceState(null, '', location.pathname + location.search);
  void signIn(fromLink[1]);
} else {
  input.focus();
}
