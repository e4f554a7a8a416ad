/** Handing a file made in the page to the user: the share sheet where the browser can share files, else a download. */

export type SaveOutcome = 'shared' | 'downloaded' | 'cancelled';

export async function saveFile(file: File, options: { share?: boolean } = {}): Promise<SaveOutcome> {
	if (options.share && typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
		try {
			await navigator.share({ files: [file], title: file.name });
			return 'shared';
		} catch (error) {
			if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
			// NotAllowedError: the tap's activation ran out while the file was being made. A download needs none.
		}
	}
	download(file);
	return 'downloaded';
}

function download(file: File): void {
	const url = URL.createObjectURL(file);
	const link = document.createElement('a');
	link.href = url;
	link.download = file.name;
	link.rel = 'noopener';
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked later, not at once: some browsers start reading the blob only after the click returns.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
