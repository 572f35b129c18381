/**
 * A number per case-event id for one client of the cluster test (its receipt time, or how many
 * copies reached its socket), in a typed array indexed by the id: the test's database is new, so
 * ids are small and dense. Off the JavaScript heap, so an hour's soak — 1,500 clients holding tens
 * of thousands of receipts each — costs the load clients' garbage collector nothing, where Maps
 * grew to gigabytes and their GC pauses counted in the latency they measure. 0 means none.
 */
const MAX_ID = 100_000_000;

export class IdTable {
	#values: Int32Array | Uint16Array;
	#count = 0;

	constructor(readonly kind: 'int32' | 'uint16') {
		this.#values = kind === 'int32' ? new Int32Array(1024) : new Uint16Array(1024);
	}

	get(id: number): number {
		return this.#values[id] ?? 0;
	}

	has(id: number): boolean {
		return this.get(id) !== 0;
	}

	/** Sets a value (not 0); a uint16 table holds at most 65,535. */
	set(id: number, value: number): void {
		if (!Number.isInteger(id) || id < 0 || id > MAX_ID) throw new RangeError(`id ${id} out of the table's range`);
		if (value === 0) throw new RangeError('0 means none');
		if (id >= this.#values.length) {
			let n = this.#values.length;
			while (n <= id) n *= 2;
			const grown = this.kind === 'int32' ? new Int32Array(n) : new Uint16Array(n);
			grown.set(this.#values);
			this.#values = grown;
		}
		if (this.#values[id] === 0) this.#count++;
		this.#values[id] = value;
	}

	/** How many ids hold a value. */
	get size(): number {
		return this.#count;
	}

	forEach(f: (value: number, id: number) => void): void {
		const v = this.#values;
		for (let id = 0; id < v.length; id++) if (v[id] !== 0) f(v[id]!, id);
	}
}
