/*
 * Czech and Polish search analysis, loaded by our search worker (search-worker.js,
 * `importScripts`), which folds and stems every query word with `analyze`.
 *
 * The index keeps every word whole, only lowercased and with diacritics folded
 * („Dolaďování“ -> "doladovani"). A query term is folded the same way and then stemmed
 * ("modelu" -> "model", "doladovani" -> "dolad"), and the worker matches the stem as a
 * prefix: "dolad" matches "doladeni", "doladit", "doladime". Stems are prefixes
 * of their word forms, so this finds the forms of a word without stemming the index,
 * and the results list shows and highlights the original text.
 *
 * `install` registers the same analysis as a lunr language (from when Material's lunr
 * worker searched the whole index; the site no longer loads lunr): Material appends `*` to
 * every query term and lunr skips the search pipeline for wildcard terms, so it wraps
 * lunr.Query#clause to analyze a wildcard term's word part before lunr matches it.
 *
 * The file has no dependencies and also runs in a page (tests load it there).
 */
(function (root) {
  "use strict";

  /* Letters that Unicode decomposition does not fold. */
  var EXTRA_FOLDS = { "ł": "l", "đ": "d", "ø": "o", "ß": "ss" };

  /* Lowercase, without diacritics: „Dolaďování“ -> "doladovani", „Źródło“ -> "zrodlo". */
  function fold(word) {
    return word
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .replace(/[łđøß]/g, function (ch) { return EXTRA_FOLDS[ch]; });
  }

  /* Without punctuation around the word: „model“, -> model. */
  function trim(word) {
    return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  /*
   * Light stemmers over folded text (so a query typed without diacritics is cut the same
   * way). Each strips at most one inflectional ending, then at most one derivational
   * suffix, always leaving a stem of at least `min` / `minDerived` letters with a vowel in
   * it (Czech counts syllabic r and l); `tidy` shortens the end of the stem. A stem stays a
   * prefix of its word forms: that is what the query's trailing `*` relies on.
   */
  var RULES = {
    cs: {
      min: 3,
      minDerived: 4,
      vowel: /[aeiouyrl]/,
      inflection: [
        // nouns and adjectives
        "atech", "etem", "atum", "ech", "ich", "eho", "emi", "emu", "ete", "eti", "iho",
        "imi", "imu", "ach", "ata", "aty", "ych", "yho", "ymu", "ama", "ami", "ove", "ovi",
        "ymi", "em", "im", "um", "at", "am", "ym", "mi", "ou",
        "a", "e", "i", "o", "u", "y",
        // verbs
        "ovat", "ovala", "ovali", "ovalo", "oval", "ujeme", "ujete", "ujes", "uje", "uji",
        "ujou", "eme", "ime", "ame", "ite", "ate", "it", "et"
      ],
      derivation: ["ovan", "ost", "en", "ov", "n"],
      tidy: []
    },
    pl: {
      min: 3,
      minDerived: 4,
      vowel: /[aeiouy]/,
      inflection: [
        // nouns and adjectives
        "iami", "iach", "ami", "ach", "owi", "ego", "emu", "ymi", "imi", "ych", "ich",
        "iom", "iem", "om", "ow", "em", "ej", "ym", "im", "ie", "ia", "iu", "io",
        "a", "e", "i", "o", "u", "y",
        // verbs
        "owac", "ujemy", "ujecie", "ujesz", "uje", "uja", "emy", "esz", "ecie", "imy",
        "isz", "icie", "ac", "ic", "ec"
      ],
      derivation: ["owan", "yjn", "an", "en", "ow", "n"],
      tidy: [[/cj$/, "c"]]
    }
  };

  /* Longest first, so "ami" wins over "i". */
  Object.keys(RULES).forEach(function (lang) {
    var byLength = function (a, b) { return b.length - a.length; };
    RULES[lang].inflection.sort(byLength);
    RULES[lang].derivation.sort(byLength);
  });

  function strip(word, suffixes, min, vowel) {
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = suffixes[i];
      if (word.length - suffix.length >= min && word.slice(-suffix.length) === suffix) {
        var stem = word.slice(0, -suffix.length);
        if (vowel.test(stem))
          return stem;
      }
    }
    return word;
  }

  /* Stem of a folded word: "modelem" -> "model", "doladovani" -> "dolad". */
  function stem(lang, word) {
    var rules = RULES[lang];
    if (!rules || /\d/.test(word))
      return word;
    var out = strip(word, rules.inflection, rules.min, rules.vowel);
    out = strip(out, rules.derivation, rules.minDerived, rules.vowel);
    for (var i = 0; i < rules.tidy.length; i++)
      out = out.replace(rules.tidy[i][0], rules.tidy[i][1]);
    return out;
  }

  /* Query form of one word: trimmed, folded, stemmed ("" for punctuation). */
  function analyze(lang, word) {
    var trimmed = trim(word);
    return trimmed ? stem(lang, fold(trimmed)) : "";
  }

  /* Words too common to index (folded). */
  var STOP_WORDS = {
    cs: "a aby ale ani az by byl byla byli bylo byt co do i jak jako je jeho jej jen jsem " +
        "jsme jsou jste k kde kdy ktera ktere ktery kteri na nad ne nebo neni o od po pod " +
        "pro proto pri s se si sve tak take tam te ten tento to tu u uz v ve z za ze",
    pl: "a aby ale albo az by byc byl byla byli bylo czy do dla gdy i ich jak jako jest " +
        "jej jego juz ktora ktore ktory ktorzy lub na nad nie niz o od oraz po pod przez " +
        "przy sie sa ta tak te tego tej ten to tu w we z za ze"
  };
  var STOP = {};
  Object.keys(STOP_WORDS).forEach(function (lang) {
    STOP[lang] = {};
    STOP_WORDS[lang].split(" ").forEach(function (w) { STOP[lang][w] = true; });
  });

  function isStopWord(lang, word) {
    return !!(STOP[lang] && STOP[lang][fold(trim(word))]);
  }

  /*
   * Analyze the word part of a wildcard query term, keeping its wildcards:
   * "modelu*" -> "model*". Terms that are only wildcards or punctuation stay as typed.
   */
  function analyzeQueryTerm(lang, term) {
    var match = /^(\**)([^*]+)(\**)$/.exec(term);
    if (!match)
      return term;
    var word = analyze(lang, match[2]);
    return word ? match[1] + word + match[3] : term;
  }

  /* Register `lunr[lang]`: the pipeline for indexed words and for exact query terms. */
  function install(lunr, lang) {
    function trimmer(token) {
      return token.update(trim).toString() ? token : undefined;
    }
    function stopWordFilter(token) {
      return isStopWord(lang, token.toString()) ? undefined : token;
    }
    /* Material enables pipeline steps by these names; our "stemmer" step only folds
       (indexed words stay whole, the query side stems: see the top of this file). */
    function folder(token) {
      return token.update(fold);
    }
    lunr.Pipeline.registerFunction(trimmer, "lilith-trimmer-" + lang);
    lunr.Pipeline.registerFunction(stopWordFilter, "lilith-stopWordFilter-" + lang);
    lunr.Pipeline.registerFunction(folder, "lilith-folder-" + lang);

    var plugin = function () {
      this.pipeline.reset();
      this.pipeline.add(trimmer, stopWordFilter, folder);
      this.searchPipeline.reset();
      this.searchPipeline.add(trimmer, folder);
      install.active = lang;
    };
    plugin.trimmer = trimmer;
    plugin.stopWordFilter = stopWordFilter;
    plugin.stemmer = folder;
    lunr[lang] = plugin;

    /* Once per worker: wildcard terms skip the pipeline, so analyze them here. */
    if (!lunr.Query.prototype.lilithAnalyzed) {
      var clause = lunr.Query.prototype.clause;
      lunr.Query.prototype.clause = function (spec) {
        var result = clause.call(this, spec);
        var added = this.clauses[this.clauses.length - 1];
        if (install.active && added && added.usePipeline === false && typeof added.term === "string")
          added.term = analyzeQueryTerm(install.active, added.term);
        return result;
      };
      lunr.Query.prototype.lilithAnalyzed = true;
    }
  }

  root.LilithAnalysis = {
    languages: Object.keys(RULES),
    fold: fold,
    trim: trim,
    stem: stem,
    analyze: analyze,
    analyzeQueryTerm: analyzeQueryTerm,
    isStopWord: isStopWord,
    install: install
  };
})(typeof self !== "undefined" ? self : this);
