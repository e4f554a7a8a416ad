/**
 * Whether the app is shown inside a frame of another site, where a click could be stolen (clickjacking).
 * Hosts should send `frame-ancestors 'none'`; this covers a host that does not.
 */
export function framedByAnotherOrigin(self: Window): boolean {
	if (self.top === self) return false;
	try {
		return self.top?.location.origin !== self.location.origin;
	} catch {
		// Reading another origin's location throws: that is the case to refuse.
		return true;
	}
}
