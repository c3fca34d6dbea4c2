/** Input look without a width, for inputs sized by their row. */
export const inputBase = 'min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-[13px] text-slate-800 focus:border-brand-500 disabled:bg-slate-50';
export const inputClass = `${inputBase} w-full`;
