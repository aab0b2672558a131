import BulletinModel

/// The known key an unknown one was probably meant to be: "author" -> "written_by".
///
/// Words other tools use for the same thing are looked up first (no spelling makes "author"
/// out of "written_by"); otherwise the nearest known key by edit distance, when it is near
/// enough to be a slip of the keyboard.
enum KeySuggestion {
    /// Names editors reach for, from other tools' front matter (Hugo, Jekyll, Pandoc), and the
    /// words for the keys in the languages bulletin sets ("autor", "titre", "Bild", "язык"):
    /// each with the keys it may stand for, the first that the file knows taken ("Untertitel"
    /// is a story's deck and an issue's subtitle).
    static let synonyms: [String: [String]] = {
        var table: [String: [String]] = [:]
        func add(_ keys: [String], _ words: String) {
            for word in words.split(separator: " ") { table[String(word), default: []] += keys.filter { !(table[String(word)] ?? []).contains($0) } }
        }
        add(["written_by"], "author authors by writer writers byline autor autoren autores auteur auteurs autore autori verfasser "
            + "författare forfattare forfatter forfattere kirjoittaja autorka автор yazar 작성자 글쓴이 作者")
        add(["edited_by", "editors"], "editor editors redakteur redaktion herausgeber rédacteur redacteur rédaction redaction redactor "
            + "editores redattore redattori editore redaktør redaktor redaktören toimittaja редактор editör 편집자 编辑")
        add(["deck", "subtitle"], "subtitle subhead standfirst dek untertitel unterzeile sous-titre sous_titre subtítulo subtitulo "
            + "sottotitolo ondertitel undertitel underrubrik alaotsikko podtitul podtytuł podtytul подзаголовок altbaşlık altbaslik 부제 副标题")
        add(["title"], "headline heading titre título titulo titolo titel rubrik overskrift otsikko název nazev tytuł tytul "
            + "заголовок название başlık baslik 제목 标题")
        add(["kicker"], "section category categories tags rubrique sección seccion sezione secção seccao sectie kategorie "
            + "catégorie categorie categoría categoria kategori kategoria рубрика 섹션 栏目")
        add(["summary"], "description excerpt abstract teaser zusammenfassung résumé resume resumen riassunto resumo "
            + "samenvatting sammanfattning resumé tiivistelmä tiivistelma shrnutí shrnuti streszczenie аннотация özet ozet 요약 摘要")
        add(["lang"], "language locale sprache langue idioma lingua língua taal språk sprak sprog kieli jazyk język jezyk язык dil 언어 语言")
        add(["date"], "datum fecha data päivämäärä paivamaara дата tarih 날짜 日期")
        add(["order"], "weight position reihenfolge ordre orden ordine ordem volgorde ordning järjestys jarjestys порядок sıra sira 순서 顺序")
        add(["image"], "picture photo img figure bild foto imagen immagine imagem afbeelding billede kuva obrázek obrazek zdjęcie "
            + "zdjecie изображение фото resim görsel gorsel 이미지 사진 图片 图像")
        add(["pull_quote"], "quote pullquote zitat citation cita citazione citação citacao citaat citat lainaus цитата alıntı alinti 인용 引文")
        add(["draft"], "published entwurf brouillon borrador bozza rascunho concept utkast kladde luonnos koncept szkic черновик taslak 초안 草稿")
        add(["columns"], "spalten colonnes columnas colonne colunas kolommen kolumner spalter sarakkeet sloupce kolumny колонки sütunlar sutunlar 단 栏")
        add(["alt"], "alt_text description_text alternativ alternative alternativo alternatif")
        add(["path"], "src file datei fichier archivo percorso arquivo bestand")
        add(["caption"], "bildunterschrift légende legende pie leyenda didascalia legenda bijschrift bildtext kuvateksti popisek podpis подпись 설명 图注")
        add(["credit"], "credits copyright_photo fotograf photographe fotógrafo fotografo")
        add(["editors"], "herausgeberin rédacteurs redacteurs redaktører")
        add(["number"], "nummer numéro numero número ausgabe issue no")
        add(["volume"], "jahrgang année annee año ano annata årgang vuosikerta ročník rocnik rocznik")
        add(["contact"], "kontakt contacto contatto contato impressum")
        add(["address"], "adresse dirección direccion indirizzo endereço endereco adres osoite adresa адрес 주소 地址")
        add(["telephone"], "phone tel telefon téléphone teléfono telefono telefone telefoon puhelin телефон 전화 电话")
        add(["email"], "e-mail e_mail mail courriel correo posta epost sähköposti sahkoposti почта 이메일 邮箱")
        add(["web"], "website webseite site sitio sito url homepage internet")
        add(["organisation"], "organization organisme organización organizacion organizzazione organização organizacao organisatie "
            + "office institution university")
        return table
    }()

    /// The key in `known` that `key` most likely stands for, or nil.
    static func suggest(_ key: String, known: Set<String>) -> String? {
        let lower = key.lowercased()
        if known.contains(lower) { return lower }
        let spaced = lower.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if known.contains(spaced) { return spaced }
        if let synonym = synonyms[lower]?.first(where: known.contains) { return synonym }
        let nearest = known.map { ($0, distance(lower, $0)) }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard let (candidate, steps) = nearest, steps <= max(1, min(2, candidate.count / 3)) else { return nil }
        return candidate
    }

    /// The warning for an unknown key: `unknown key "author" is ignored: did you mean
    /// "written_by"?` (the suggestion as its hint), or the known keys listed when none is near.
    static func unknownKey(_ key: String, what: String = "key", known: Set<String>, file: String, line: Int?) -> Warning {
        let message = "unknown \(what) \"\(key.escapedForMessage)\" is ignored"
        if let suggestion = suggest(key, known: known) {
            return Warning(file: file, line: line, message, hint: "did you mean \"\(suggestion)\"?")
        }
        return Warning(file: file, line: line, message + " (known: \(known.sorted().joined(separator: ", ")))")
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two neighbours
    /// ("titel") as one step each (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
