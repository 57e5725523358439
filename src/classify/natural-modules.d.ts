// Types for the two natural subpath modules we load (natural ships no .d.ts for them).
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_fr.js' {
  class AggressiveTokenizerFr {
    tokenize(text: string): string[];
  }
  export default AggressiveTokenizerFr;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  const PorterStemmerFr: { stem(token: string): string };
  export default PorterStemmerFr;
}
