import Foundation
import Synchronization

/// One of the words bulletin prints around the stories' own: bylines, jump lines, page numbers,
/// the titles of the boxes; and the mail message's own sentences. Its raw value is its key in a layout's `strings:` table.
public enum Phrase: String, CaseIterable, Sendable {
    /// "Written by {names}".
    case writtenBy = "written_by"
    /// "Edited by {names}".
    case editedBy = "edited_by"
    /// " and ", between the last two names of a list (spaces included: Chinese has none).
    case and
    /// ", ", between the other names of a list.
    case comma
    case continuedOn = "continued_on"
    case continuedFrom = "continued_from"
    /// "page {page}", in running heads.
    case page
    /// "page {page} of {pages}", in footers.
    case pageOf = "page_of"
    case volume
    case number
    case volumeNumber = "volume_number"
    /// "Editors: {editors}", in the imprint.
    case editors
    /// "Tel. {telephone}".
    case telephone
    /// "In this issue", the contents box's title.
    case contents
    /// "Imprint", the imprint's title.
    case imprint
    /// The quotation marks around a pull quote: “ ” in English, „ “ in German, « » in French.
    case quoteOpen = "quote_open"
    case quoteClose = "quote_close"
    /// "The whole issue is attached as a PDF: {file} ({size}).", in the mail message.
    case attached
    /// "The front page of {title}, {date}": the mail message's description of the cover.
    case frontPage = "front_page"

    /// The fields a phrase may use.
    public var fields: [String] {
        switch self {
        case .writtenBy, .editedBy: return ["names"]
        case .continuedOn, .continuedFrom, .page: return ["page"]
        case .pageOf: return ["page", "pages"]
        case .volume: return ["volume"]
        case .number: return ["number"]
        case .volumeNumber: return ["volume", "number"]
        case .editors: return ["editors"]
        case .telephone: return ["telephone"]
        case .attached: return ["file", "size"]
        case .frontPage: return ["title", "date"]
        case .and, .comma, .contents, .imprint, .quoteOpen, .quoteClose: return []
        }
    }
}

/// The strings table: the words the pages print, in each language bulletin ships (English,
/// German, French, Spanish, Italian, Portuguese, Dutch, Polish, Greek, Vietnamese, Arabic,
/// Hebrew, Japanese, Chinese), and a layout's own (`strings:`), which win.
///
/// Layout templates stay as they are written, in English: a part of a template (the text
/// between `" · "` separators) that reads exactly as a phrase's English text is printed as that
/// phrase in the language of what it belongs to — a story's for its byline and jump lines, the
/// issue's for running heads, footers, masthead, boxes and month names. So the shipped layouts'
/// `"page {page} of {pages}"` prints "Seite 3 von 6" in a German issue, while a layout that
/// writes its own words keeps them (or gives them in `strings.en` and their translations
/// beside them).
public struct Wording: Sendable, Hashable {
    /// The layout's own phrases, by language tag (lower case) and phrase.
    public var overrides: [String: [Phrase: String]]
    /// The layout's own month names, twelve by language tag: "März 2027" is `name year`.
    public var months: [String: [String]]
    /// The language whose words stand in for one the table has none for, before English: the
    /// issue's, so that an Icelandic story in a Dutch issue is bylined "Tekst:", as the pages
    /// around it are, and not "Written by". Nil for English alone.
    public var standIn: String?

    public init(overrides: [String: [Phrase: String]] = [:], months: [String: [String]] = [:]) {
        self.overrides = overrides
        self.months = months
    }

    /// The languages the table ships.
    public static let shipped: [String: [Phrase: String]] = [
        "en": [
            .writtenBy: "Written by {names}", .editedBy: "Edited by {names}", .and: " and ", .comma: ", ",
            .continuedOn: "Continued on page {page}", .continuedFrom: "Continued from page {page}",
            .page: "page {page}", .pageOf: "page {page} of {pages}",
            .volume: "Volume {volume}", .number: "Number {number}", .volumeNumber: "Volume {volume}, Number {number}",
            .editors: "Editors: {editors}", .telephone: "Tel. {telephone}",
            .contents: "In this issue", .imprint: "Imprint", .quoteOpen: "\u{201C}", .quoteClose: "\u{201D}",
            .attached: "The whole issue is attached as a PDF: {file} ({size}).", .frontPage: "The front page of {title}, {date}",
        ],
        "de": [
            .writtenBy: "Text: {names}", .editedBy: "Redaktion: {names}", .and: " und ", .comma: ", ",
            .continuedOn: "Fortsetzung auf Seite {page}", .continuedFrom: "Fortsetzung von Seite {page}",
            .page: "Seite {page}", .pageOf: "Seite {page} von {pages}",
            .volume: "Jahrgang {volume}", .number: "Nummer {number}", .volumeNumber: "Jahrgang {volume}, Nummer {number}",
            .editors: "Redaktion: {editors}", .telephone: "Tel. {telephone}",
            .contents: "In dieser Ausgabe", .imprint: "Impressum", .quoteOpen: "\u{201E}", .quoteClose: "\u{201C}",
            .attached: "Die ganze Ausgabe liegt als PDF bei: {file} ({size}).", .frontPage: "Die Titelseite von {title}, {date}",
        ],
        // French sets a no-break space before a colon.
        "fr": [
            .writtenBy: "Texte\u{00A0}: {names}", .editedBy: "Édition\u{00A0}: {names}", .and: " et ", .comma: ", ",
            .continuedOn: "Suite page {page}", .continuedFrom: "Suite de la page {page}",
            .page: "page {page}", .pageOf: "page {page} sur {pages}",
            .volume: "Volume {volume}", .number: "Numéro {number}", .volumeNumber: "Volume {volume}, numéro {number}",
            .editors: "Rédaction\u{00A0}: {editors}", .telephone: "Tél. {telephone}",
            .contents: "Dans ce numéro", .imprint: "Mentions légales", .quoteOpen: "\u{00AB}\u{00A0}", .quoteClose: "\u{00A0}\u{00BB}",
            .attached: "Le numéro complet est joint en PDF\u{00A0}: {file} ({size}).", .frontPage: "La une de {title}, {date}",
        ],
        "es": [
            .writtenBy: "Texto: {names}", .editedBy: "Edición: {names}", .and: " y ", .comma: ", ",
            .continuedOn: "Continúa en la página {page}", .continuedFrom: "Viene de la página {page}",
            .page: "página {page}", .pageOf: "página {page} de {pages}",
            .volume: "Volumen {volume}", .number: "Número {number}", .volumeNumber: "Volumen {volume}, número {number}",
            .editors: "Redacción: {editors}", .telephone: "Tel. {telephone}",
            .contents: "En este número", .imprint: "Créditos", .quoteOpen: "\u{00AB}", .quoteClose: "\u{00BB}",
            .attached: "El número completo va adjunto en PDF: {file} ({size}).", .frontPage: "La portada de {title}, {date}",
        ],
        "it": [
            .writtenBy: "Testo di {names}", .editedBy: "A cura di {names}", .and: " e ", .comma: ", ",
            .continuedOn: "Continua a pagina {page}", .continuedFrom: "Segue da pagina {page}",
            .page: "pagina {page}", .pageOf: "pagina {page} di {pages}",
            .volume: "Volume {volume}", .number: "Numero {number}", .volumeNumber: "Volume {volume}, numero {number}",
            .editors: "Redazione: {editors}", .telephone: "Tel. {telephone}",
            .contents: "In questo numero", .imprint: "Colophon", .quoteOpen: "\u{00AB}", .quoteClose: "\u{00BB}",
            .attached: "Il numero completo è allegato in PDF: {file} ({size}).", .frontPage: "La prima pagina di {title}, {date}",
        ],
        "pt": [
            .writtenBy: "Texto: {names}", .editedBy: "Edição: {names}", .and: " e ", .comma: ", ",
            .continuedOn: "Continua na página {page}", .continuedFrom: "Continuação da página {page}",
            .page: "página {page}", .pageOf: "página {page} de {pages}",
            .volume: "Volume {volume}", .number: "Número {number}", .volumeNumber: "Volume {volume}, número {number}",
            .editors: "Redação: {editors}", .telephone: "Tel. {telephone}",
            .contents: "Nesta edição", .imprint: "Ficha técnica", .quoteOpen: "\u{201C}", .quoteClose: "\u{201D}",
            .attached: "A edição completa segue em anexo em PDF: {file} ({size}).", .frontPage: "A primeira página de {title}, {date}",
        ],
        "nl": [
            .writtenBy: "Tekst: {names}", .editedBy: "Redactie: {names}", .and: " en ", .comma: ", ",
            .continuedOn: "Lees verder op pagina {page}", .continuedFrom: "Vervolg van pagina {page}",
            .page: "pagina {page}", .pageOf: "pagina {page} van {pages}",
            .volume: "Jaargang {volume}", .number: "Nummer {number}", .volumeNumber: "Jaargang {volume}, nummer {number}",
            .editors: "Redactie: {editors}", .telephone: "Tel. {telephone}",
            .contents: "In dit nummer", .imprint: "Colofon", .quoteOpen: "\u{201C}", .quoteClose: "\u{201D}",
            .attached: "Het hele nummer zit als pdf in de bijlage: {file} ({size}).", .frontPage: "De voorpagina van {title}, {date}",
        ],
        "pl": [
            .writtenBy: "Tekst: {names}", .editedBy: "Redakcja: {names}", .and: " i ", .comma: ", ",
            .continuedOn: "Ciąg dalszy na stronie {page}", .continuedFrom: "Ciąg dalszy ze strony {page}",
            .page: "strona {page}", .pageOf: "strona {page} z {pages}",
            .volume: "Rocznik {volume}", .number: "Numer {number}", .volumeNumber: "Rocznik {volume}, numer {number}",
            .editors: "Redakcja: {editors}", .telephone: "Tel. {telephone}",
            .contents: "W tym numerze", .imprint: "Stopka redakcyjna", .quoteOpen: "\u{201E}", .quoteClose: "\u{201D}",
            .attached: "Cały numer jest w załączniku w formacie PDF: {file} ({size}).", .frontPage: "Pierwsza strona {title}, {date}",
        ],
        "sv": [
            .writtenBy: "Text: {names}", .editedBy: "Redigerad av {names}", .and: " och ", .comma: ", ",
            .continuedOn: "Fortsättning på sidan {page}", .continuedFrom: "Fortsättning från sidan {page}",
            .page: "sida {page}", .pageOf: "sida {page} av {pages}",
            .volume: "Årgång {volume}", .number: "Nummer {number}", .volumeNumber: "Årgång {volume}, nummer {number}",
            .editors: "Redaktion: {editors}", .telephone: "Tel. {telephone}",
            .contents: "I detta nummer", .imprint: "Redaktion", .quoteOpen: "\u{201D}", .quoteClose: "\u{201D}",
            .attached: "Hela numret bifogas som pdf: {file} ({size}).", .frontPage: "Förstasidan av {title}, {date}",
        ],
        "da": [
            .writtenBy: "Tekst: {names}", .editedBy: "Redigeret af {names}", .and: " og ", .comma: ", ",
            .continuedOn: "Fortsættes på side {page}", .continuedFrom: "Fortsat fra side {page}",
            .page: "side {page}", .pageOf: "side {page} af {pages}",
            .volume: "Årgang {volume}", .number: "Nummer {number}", .volumeNumber: "Årgang {volume}, nummer {number}",
            .editors: "Redaktion: {editors}", .telephone: "Tlf. {telephone}",
            .contents: "I dette nummer", .imprint: "Kolofon", .quoteOpen: "\u{00BB}", .quoteClose: "\u{00AB}",
            .attached: "Hele nummeret er vedhæftet som pdf: {file} ({size}).", .frontPage: "Forsiden af {title}, {date}",
        ],
        // Norwegian Bokmål, also for `no`.
        "nb": [
            .writtenBy: "Tekst: {names}", .editedBy: "Redigert av {names}", .and: " og ", .comma: ", ",
            .continuedOn: "Fortsetter på side {page}", .continuedFrom: "Fortsatt fra side {page}",
            .page: "side {page}", .pageOf: "side {page} av {pages}",
            .volume: "Årgang {volume}", .number: "Nummer {number}", .volumeNumber: "Årgang {volume}, nummer {number}",
            .editors: "Redaksjon: {editors}", .telephone: "Tlf. {telephone}",
            .contents: "I denne utgaven", .imprint: "Kolofon", .quoteOpen: "\u{00AB}", .quoteClose: "\u{00BB}",
            .attached: "Hele utgaven er vedlagt som pdf: {file} ({size}).", .frontPage: "Forsiden av {title}, {date}",
        ],
        "fi": [
            .writtenBy: "Teksti: {names}", .editedBy: "Toimittanut {names}", .and: " ja ", .comma: ", ",
            .continuedOn: "Jatkuu sivulla {page}", .continuedFrom: "Jatkoa sivulta {page}",
            .page: "sivu {page}", .pageOf: "sivu {page}/{pages}",
            .volume: "Vuosikerta {volume}", .number: "Numero {number}", .volumeNumber: "Vuosikerta {volume}, numero {number}",
            .editors: "Toimitus: {editors}", .telephone: "Puh. {telephone}",
            .contents: "Tässä numerossa", .imprint: "Julkaisutiedot", .quoteOpen: "\u{201D}", .quoteClose: "\u{201D}",
            .attached: "Koko numero on liitteenä pdf-tiedostona: {file} ({size}).", .frontPage: "{title}, etusivu, {date}",
        ],
        "cs": [
            .writtenBy: "Text: {names}", .editedBy: "Redakce: {names}", .and: " a ", .comma: ", ",
            .continuedOn: "Pokračování na straně {page}", .continuedFrom: "Pokračování ze strany {page}",
            .page: "strana {page}", .pageOf: "strana {page} z {pages}",
            .volume: "Ročník {volume}", .number: "Číslo {number}", .volumeNumber: "Ročník {volume}, číslo {number}",
            .editors: "Redakce: {editors}", .telephone: "Tel. {telephone}",
            .contents: "V tomto čísle", .imprint: "Tiráž", .quoteOpen: "\u{201E}", .quoteClose: "\u{201C}",
            .attached: "Celé číslo je přiloženo ve formátu PDF: {file} ({size}).", .frontPage: "Titulní strana: {title}, {date}",
        ],
        "ru": [
            .writtenBy: "Текст: {names}", .editedBy: "Редакция: {names}", .and: " и ", .comma: ", ",
            .continuedOn: "Продолжение на странице {page}", .continuedFrom: "Начало на странице {page}",
            .page: "страница {page}", .pageOf: "страница {page} из {pages}",
            .volume: "Том {volume}", .number: "Выпуск {number}", .volumeNumber: "Том {volume}, выпуск {number}",
            .editors: "Редакция: {editors}", .telephone: "Тел. {telephone}",
            .contents: "В этом выпуске", .imprint: "Выходные данные", .quoteOpen: "\u{00AB}", .quoteClose: "\u{00BB}",
            .attached: "Весь выпуск приложен в формате PDF: {file} ({size}).", .frontPage: "Первая страница: {title}, {date}",
        ],
        "tr": [
            .writtenBy: "Yazan: {names}", .editedBy: "Editör: {names}", .and: " ve ", .comma: ", ",
            .continuedOn: "Devamı sayfa {page}", .continuedFrom: "Baştarafı sayfa {page}",
            .page: "sayfa {page}", .pageOf: "sayfa {page}/{pages}",
            .volume: "Cilt {volume}", .number: "Sayı {number}", .volumeNumber: "Cilt {volume}, Sayı {number}",
            .editors: "Editörler: {editors}", .telephone: "Tel. {telephone}",
            .contents: "Bu sayıda", .imprint: "Künye", .quoteOpen: "\u{201C}", .quoteClose: "\u{201D}",
            .attached: "Sayının tamamı PDF olarak ektedir: {file} ({size}).", .frontPage: "{title} kapak sayfası, {date}",
        ],
        // Korean: names listed with commas and 및.
        "ko": [
            .writtenBy: "글: {names}", .editedBy: "편집: {names}", .and: " 및 ", .comma: ", ",
            .continuedOn: "{page}쪽에 계속", .continuedFrom: "{page}쪽에서 계속",
            .page: "{page}쪽", .pageOf: "{page}/{pages}쪽",
            .volume: "제{volume}권", .number: "제{number}호", .volumeNumber: "제{volume}권 제{number}호",
            .editors: "편집: {editors}", .telephone: "전화 {telephone}",
            .contents: "이번 호 목차", .imprint: "발행 정보", .quoteOpen: "\u{201C}", .quoteClose: "\u{201D}",
            .attached: "이번 호 전체를 PDF로 첨부합니다: {file} ({size}).", .frontPage: "{title} 표지, {date}",
        ],
        "el": [
            .writtenBy: "Κείμενο: {names}", .editedBy: "Επιμέλεια: {names}", .and: " και ", .comma: ", ",
            .continuedOn: "Συνέχεια στη σελίδα {page}", .continuedFrom: "Συνέχεια από τη σελίδα {page}",
            .page: "σελίδα {page}", .pageOf: "σελίδα {page} από {pages}",
            .volume: "Τόμος {volume}", .number: "Τεύχος {number}", .volumeNumber: "Τόμος {volume}, τεύχος {number}",
            .editors: "Σύνταξη: {editors}", .telephone: "Τηλ. {telephone}",
            .contents: "Σε αυτό το τεύχος", .imprint: "Ταυτότητα", .quoteOpen: "\u{00AB}", .quoteClose: "\u{00BB}",
            .attached: "Ολόκληρο το τεύχος επισυνάπτεται σε PDF: {file} ({size}).", .frontPage: "Το εξώφυλλο του {title}, {date}",
        ],
        "vi": [
            .writtenBy: "Bài: {names}", .editedBy: "Biên tập: {names}", .and: " và ", .comma: ", ",
            .continuedOn: "Xem tiếp trang {page}", .continuedFrom: "Tiếp theo trang {page}",
            .page: "trang {page}", .pageOf: "trang {page}/{pages}",
            .volume: "Tập {volume}", .number: "Số {number}", .volumeNumber: "Tập {volume}, số {number}",
            .editors: "Biên tập: {editors}", .telephone: "ĐT: {telephone}",
            .contents: "Trong số này", .imprint: "Thông tin xuất bản", .quoteOpen: "\u{201C}", .quoteClose: "\u{201D}",
            .attached: "Toàn bộ số này được đính kèm dưới dạng PDF: {file} ({size}).", .frontPage: "Trang nhất của {title}, {date}",
        ],
        // Arabic and Hebrew join "and" to the name after it.
        "ar": [
            .writtenBy: "بقلم {names}", .editedBy: "تحرير: {names}", .and: " و", .comma: "، ",
            .continuedOn: "تتمة في الصفحة {page}", .continuedFrom: "تتمة من الصفحة {page}",
            .page: "صفحة {page}", .pageOf: "صفحة {page} من {pages}",
            .volume: "المجلد {volume}", .number: "العدد {number}", .volumeNumber: "المجلد {volume}، العدد {number}",
            .editors: "التحرير: {editors}", .telephone: "هاتف: {telephone}",
            .contents: "في هذا العدد", .imprint: "بيانات النشر", .quoteOpen: "\u{00AB}", .quoteClose: "\u{00BB}",
            .attached: "العدد كاملا مرفق بصيغة PDF: {file} ({size}).", .frontPage: "الصفحة الأولى من {title}، {date}",
        ],
        "he": [
            .writtenBy: "מאת {names}", .editedBy: "עריכה: {names}", .and: " ו", .comma: ", ",
            .continuedOn: "המשך בעמוד {page}", .continuedFrom: "המשך מעמוד {page}",
            .page: "עמוד {page}", .pageOf: "עמוד {page} מתוך {pages}",
            .volume: "כרך {volume}", .number: "גיליון {number}", .volumeNumber: "כרך {volume}, גיליון {number}",
            .editors: "עריכה: {editors}", .telephone: "טל׳ {telephone}",
            .contents: "בגיליון זה", .imprint: "פרטי ההוצאה", .quoteOpen: "\u{201D}", .quoteClose: "\u{201D}",
            .attached: "הגיליון המלא מצורף כקובץ PDF: {file} ({size}).", .frontPage: "העמוד הראשון של {title}, {date}",
        ],
        // Japanese: full-width colons, names listed with 、 and と, quotes in corner brackets.
        "ja": [
            .writtenBy: "文：{names}", .editedBy: "編集：{names}", .and: "と", .comma: "、",
            .continuedOn: "{page}ページに続く", .continuedFrom: "{page}ページから続く",
            .page: "{page}ページ", .pageOf: "{page}／{pages}ページ",
            .volume: "第{volume}巻", .number: "第{number}号", .volumeNumber: "第{volume}巻第{number}号",
            .editors: "編集：{editors}", .telephone: "電話：{telephone}",
            .contents: "目次", .imprint: "奥付", .quoteOpen: "\u{300C}", .quoteClose: "\u{300D}",
            .attached: "今号の全文をPDFで添付しています：{file}（{size}）。", .frontPage: "{title}の表紙、{date}",
        ],
        // Simplified Chinese: full-width colons, names listed with 、 and 和.
        "zh": [
            .writtenBy: "撰文：{names}", .editedBy: "编辑：{names}", .and: "和", .comma: "、",
            .continuedOn: "下接第{page}页", .continuedFrom: "上接第{page}页",
            .page: "第{page}页", .pageOf: "第{page}页，共{pages}页",
            .volume: "第{volume}卷", .number: "第{number}期", .volumeNumber: "第{volume}卷第{number}期",
            .editors: "编辑：{editors}", .telephone: "电话：{telephone}",
            .contents: "本期内容", .imprint: "版权信息", .quoteOpen: "\u{201C}", .quoteClose: "\u{201D}",
            .attached: "本期全文已作为PDF附上：{file}（{size}）。", .frontPage: "{title}封面，{date}",
        ],
    ]

    /// The words of `language` (a BCP 47 tag: `de`, `de-AT`, `zh-Hans`): the layout's own for
    /// the tag or its primary language, else the shipped ones, else those of `standIn` (the
    /// issue's language), else English.
    public func words(_ language: String) -> Words {
        // Asked for every story's byline, every jump line and every page's furniture, and each
        // time the issue is fitted again: made once for a wording and language.
        let key = Made(wording: self, language: language)
        if let known = Self.made.withLock({ $0[key] }) { return known }
        let words = make(language)
        Self.made.withLock { $0[key] = words }
        return words
    }

    private struct Made: Hashable {
        let wording: Wording
        let language: String
    }

    /// Words already made, by wording and language.
    private static let made = Mutex<[Made: Words]>([:])

    private func make(_ language: String) -> Words {
        let tags = Wording.candidates(language) + (standIn.map(Wording.candidates) ?? [])
        var english = Wording.shipped["en"] ?? [:]
        english.merge(overrides["en"] ?? [:]) { _, own in own }
        var table: [Phrase: String] = [:]
        for phrase in Phrase.allCases {
            table[phrase] = tags.lazy.compactMap { self.overrides[$0]?[phrase] ?? Wording.shipped[$0]?[phrase] }.first ?? english[phrase]
        }
        return Words(language: language, table: table, english: english,
                     months: Wording.candidates(language).lazy.compactMap { self.months[$0] ?? Wording.shippedMonths[$0] }.first)
    }

    /// Month names the table ships, where they are what Foundation's locale data says (ICU, whose
    /// date formatter takes about 1.5 ms to make): English, the model's own.
    static let shippedMonths: [String: [String]] = ["en": IssueDate.monthNames]

    /// `de-AT` is looked up as `de-at`, then `de`.
    static func candidates(_ language: String) -> [String] {
        let tag = language.lowercased()
        let primary = String(tag.prefix { $0 != "-" && $0 != "_" })
        // `no` (Norwegian) is written in Bokmål unless it says otherwise.
        return (tag == primary ? [tag] : [tag, primary]) + (primary == "no" ? ["nb"] : [])
    }
}

/// The words of one language, resolved.
public struct Words: Sendable {
    public let language: String
    let table: [Phrase: String]
    /// The English text of each phrase (the layout's own where it gives one), which layout
    /// templates are matched against.
    let english: [Phrase: String]
    let months: [String]?
    /// For `translatePart`: each phrase's English text, and a byline's phrase with the editors
    /// ("Edited by {editors}"), as this language says it; the first phrase's where two read
    /// alike. Made once: page furniture and jump lines translate their templates on every page.
    private let translations: [String: String]

    init(language: String, table: [Phrase: String], english: [Phrase: String], months: [String]?) {
        self.language = language
        self.table = table
        self.english = english
        self.months = months
        var translations: [String: String] = [:]
        // A phrase is known by the layout's English text and by the shipped one: the shipped
        // templates name "page {page} of {pages}" whatever English the layout gives the phrase.
        let shippedEnglish = Wording.shipped["en"] ?? [:]
        for phrase in Phrase.allCases where !Self.untranslated.contains(phrase) {
            guard let own = table[phrase] else { continue }
            for english in [english[phrase], shippedEnglish[phrase]].compactMap({ $0 }) {
                if translations[english] == nil { translations[english] = own }
                // "Edited by {editors}" in a masthead line is the byline's phrase with the editors.
                if english.contains("{names}") {
                    let withEditors = english.replacingOccurrences(of: "{names}", with: "{editors}")
                    if translations[withEditors] == nil { translations[withEditors] = own.replacingOccurrences(of: "{names}", with: "{editors}") }
                }
            }
        }
        self.translations = translations
    }

    public subscript(_ phrase: Phrase) -> String { table[phrase] ?? "" }

    /// Names joined as a reader of the language says them: "A", "A and B", "A, B and C".
    public func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: self[.comma]) + self[.and] + names[names.count - 1]
        }
    }

    /// "Written by A and B · Edited by C, D and E".
    public func byline(_ byline: Byline) -> String {
        var parts: [String] = []
        if !byline.writtenBy.isEmpty { parts.append(Template(self[.writtenBy]).fill(["names": list(byline.writtenBy)])) }
        if !byline.editedBy.isEmpty { parts.append(Template(self[.editedBy]).fill(["names": list(byline.editedBy)])) }
        return parts.joined(separator: Template.separator)
    }

    /// The month and year in words: "November 2026", "novembre 2026", "noviembre de 2026",
    /// "2026年11月". The layout's month names where it gives them, else the table's own
    /// (`Wording.shippedMonths`), else the locale data of Foundation (ICU, which the Swift
    /// toolchain carries: not the system's locales).
    public func month(_ date: IssueDate) -> String {
        if let months, months.count == 12 { return "\(months[date.month - 1]) \(date.year)" }
        // Page furniture asks for it on every page: ICU's formatter is made once a language and month.
        let key = "\(language) \(date.year)-\(date.month)"
        if let known = Self.monthsInWords.withLock({ $0[key] }) { return known }
        let text = Self.monthInWords(date, language: language)
        Self.monthsInWords.withLock { $0[key] = text }
        return text
    }

    /// Months in words already made, by language, year and month.
    private static let monthsInWords = Mutex<[String: String]>([:])

    private static func monthInWords(_ date: IssueDate, language: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language)
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.setLocalizedDateFormatFromTemplate("MMMMyyyy")
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = 15
        components.timeZone = formatter.timeZone
        guard let day = formatter.calendar.date(from: components) else { return date.monthName }
        let text = formatter.string(from: day)
        return text.isEmpty ? date.monthName : text
    }

    /// A layout's template with each part that reads as a phrase's English text put in this
    /// language; other parts as written. `"{title} · {month} · page {page}"` in German:
    /// `"{title} · {month} · Seite {page}"`.
    public func translate(_ template: String) -> String {
        template.split(separator: Template.separator, omittingEmptySubsequences: false)
            .map { translatePart(String($0)) }
            .joined(separator: Template.separator)
    }

    /// Phrases that are parts of sentences, and the mail message's sentences: never a template's
    /// part of their own.
    static let untranslated: Set<Phrase> = [.and, .comma, .quoteOpen, .quoteClose, .attached, .frontPage]

    /// A text that is a phrase's English whole (a box's title), in this language.
    public func translatePart(_ part: String) -> String { translations[part] ?? part }
}

