// The control API token arrives in the URL fragment (`#token=…`), which browsers never send to
// a server. It is moved to sessionStorage at once and wiped from the address bar, so it does not
// show in screenshots, history entries or a copied URL, yet survives a reload of this tab.
const STORAGE_KEY = 'hookscope.token';

export function takeToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage disabled: the token still works for this page load.
    }
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** After the server refused the token: a reload must not retry it. */
export function forgetToken(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
