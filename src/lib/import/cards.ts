/**
 * Reading cards of about one phone screen to three minutes of reading: paragraphs grouped whole, within
 * one part; only a paragraph longer than a card may hold is cut, at sentence ends.
 */
import { clauses, codePointLength, sentences } from './sentences.ts';

/** The same limit the built-in content is checked against (content/parse.ts, MAX_CARD_CHARS). */
export const MAX_CARD_CHARS = 1200;
/** Below this a card is less than a screen; above HIGH it takes more than about three minutes. */
export const MIN_CARD_CHARS = 250;
export const HIGH_CARD_CHARS = 900;
const TARGET_CARD_CHARS = 600;
/** How long the pieces of a cut paragraph aim to be. */
const PIECE_CHARS = 600;

/**
 * A paragraph too long for one card, cut at sentence ends into pieces of about PIECE_CHARS; a sentence
 * longer than a card is cut at clause ends, and a clause longer than that at MAX_CARD_CHARS characters.
 * Joined, the pieces give back the text (less the spaces at the cuts).
 */
export function splitLongParagraph(text: string): string[] {
	if (codePointLength(text) <= MAX_CARD_CHARS) return [text];
	const units = sentences(text).flatMap((sentence) =>
		codePointLength(sentence) <= MAX_CARD_CHARS ? [sentence] : clauses(sentence).flatMap(hardCut)
	);
	const pieces: string[] = [];
	let piece = '';
	let pieceLength = 0;
	for (const unit of units) {
		const length = codePointLength(unit);
		if (pieceLength > 0 && (pieceLength + length > MAX_CARD_CHARS || pieceLength >= PIECE_CHARS)) {
			pieces.push(piece);
			piece = '';
			pieceLength = 0;
		}
		piece += unit;
		pieceLength += length;
	}
	if (piece) pieces.push(piece);
	return pieces.map((p) => p.trim()).filter(Boolean);
}

function hardCut(text: string): string[] {
	const characters = Array.from(text);
	if (characters.length <= MAX_CARD_CHARS) return [text];
	const pieces: string[] = [];
	for (let start = 0; start < characters.length; start += MAX_CARD_CHARS)
		pieces.push(characters.slice(start, start + MAX_CARD_CHARS).join(''));
	return pieces;
}

export interface CardInput {
	/** Characters of the paragraph. */
	length: number;
	/** A card must start here (a heading inside a part). */
	breakBefore?: boolean;
	/** A new speaker's turn starts here: a good place for a new card. */
	turn?: boolean;
}

/** What a card of `length` characters costs: one per card, more the further from the target it is. */
function cardCost(length: number, startsTurn: boolean): number {
	let cost = 1 + ((length - TARGET_CARD_CHARS) / 200) ** 2;
	if (length < MIN_CARD_CHARS) cost += ((MIN_CARD_CHARS - length) / 50) ** 2;
	if (length > HIGH_CARD_CHARS) cost += ((length - HIGH_CARD_CHARS) / 50) ** 2;
	return startsTurn ? cost - 0.3 : cost;
}

/**
 * Groups one part's paragraphs into cards: returns the index of each card's first paragraph. Chooses the
 * grouping of least total cost (dynamic programming), never above MAX_CARD_CHARS unless one paragraph
 * alone is, and always breaking where `breakBefore` says.
 */
export function groupIntoCards(paragraphs: readonly CardInput[]): number[] {
	const count = paragraphs.length;
	if (count === 0) return [];
	// best[i]: least cost of the paragraphs before i; from[i]: where the last card before i starts.
	const best = new Float64Array(count + 1).fill(Infinity);
	const from = new Int32Array(count + 1);
	best[0] = 0;
	for (let end = 1; end <= count; end++) {
		let length = 0;
		for (let start = end - 1; start >= 0; start--) {
			const paragraph = paragraphs[start];
			if (!paragraph) break;
			length += paragraph.length;
			if (start < end - 1 && length > MAX_CARD_CHARS) break;
			const cost = (best[start] ?? Infinity) + cardCost(length, paragraph.turn === true);
			if (cost < (best[end] ?? Infinity)) {
				best[end] = cost;
				from[end] = start;
			}
			// A card cannot reach back over a forced break.
			if (paragraph.breakBefore) break;
		}
	}
	const starts: number[] = [];
	for (let end = count; end > 0; end = from[end] ?? 0) starts.push(from[end] ?? 0);
	return starts.reverse();
}
