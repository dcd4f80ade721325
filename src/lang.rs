//! Language of a text, from its script and its most frequent short words.
//!
//! Non-Latin scripts mostly name their language outright (Greek, Hebrew, Thai, Hangul,
//! Georgian...); Arabic, Cyrillic and Han/Kana are told apart by letters only some of their
//! languages use. Latin-script text is scored against a compact table of very common short
//! words in 18 languages (a word shared by several languages counts for each in part), with
//! a few telling letters (ß, ñ, ø, ő, ł...) as a tie-breaker. Too little text, or two close
//! candidates, gives `None`.

use crate::fnv::FnvMap;
use crate::text_util::prefix;
use std::sync::OnceLock;

type WordMap<V> = FnvMap<&'static str, V>;

/// Guesses a BCP 47 primary language subtag for `text`, or `None` when unsure.
#[allow(dead_code)] // for the paste front end
pub(crate) fn detect(text: &str) -> Option<String> {
    detect_scored(text).map(|d| d.lang.to_string())
}

/// A detection and whether it is clear-cut (enough text, a wide margin): clear-cut ones may
/// overrule a page's declared language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Detection {
    pub lang: &'static str,
    pub strong: bool,
}

/// How much text is read: enough to decide, bounded so a long article stays cheap.
const SAMPLE_BYTES: usize = 12 << 10;
/// Fewer words than this (for space-separated scripts) is too little to tell.
const MIN_WORDS: usize = 20;
/// CJK characters needed (each is about a word).
const MIN_CJK: usize = 25;
/// Letters needed in scripts written without spaces (Thai, Lao, Khmer, Myanmar, Tibetan).
const MIN_UNSPACED: usize = 60;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Thaana,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Lao,
    Tibetan,
    Myanmar,
    Georgian,
    Hangul,
    Ethiopic,
    Khmer,
    Kana,
    Han,
}

const SCRIPTS: usize = 27;

fn script(c: char) -> Option<Script> {
    use Script::*;
    let u = c as u32;
    Some(match u {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x1E00..=0x1EFF => {
            Latin
        }
        0x370..=0x3FF | 0x1F00..=0x1FFF => Greek,
        0x400..=0x52F => Cyrillic,
        0x531..=0x58F => Armenian,
        0x591..=0x5FF => Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Arabic,
        0x780..=0x7BF => Thaana,
        0x900..=0x97F => Devanagari,
        0x980..=0x9FF => Bengali,
        0xA00..=0xA7F => Gurmukhi,
        0xA80..=0xAFF => Gujarati,
        0xB00..=0xB7F => Oriya,
        0xB80..=0xBFF => Tamil,
        0xC00..=0xC7F => Telugu,
        0xC80..=0xCFF => Kannada,
        0xD00..=0xD7F => Malayalam,
        0xD80..=0xDFF => Sinhala,
        0xE00..=0xE7F => Thai,
        0xE80..=0xEFF => Lao,
        0xF00..=0xFFF => Tibetan,
        0x1000..=0x109F => Myanmar,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF => Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Hangul,
        0x1200..=0x139F => Ethiopic,
        0x1780..=0x17FF => Khmer,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Han,
        _ => return None,
    })
}

/// The language a script names by itself.
fn script_language(s: Script) -> Option<&'static str> {
    use Script::*;
    Some(match s {
        Greek => "el",
        Armenian => "hy",
        Thaana => "dv",
        Devanagari => "hi",
        Bengali => "bn",
        Gurmukhi => "pa",
        Gujarati => "gu",
        Oriya => "or",
        Tamil => "ta",
        Telugu => "te",
        Kannada => "kn",
        Malayalam => "ml",
        Sinhala => "si",
        Thai => "th",
        Lao => "lo",
        Tibetan => "bo",
        Myanmar => "my",
        Georgian => "ka",
        Hangul => "ko",
        Ethiopic => "am",
        Khmer => "km",
        _ => return None,
    })
}

/// Detects the language, with how sure it is.
pub(crate) fn detect_scored(text: &str) -> Option<Detection> {
    let text = prefix(text, SAMPLE_BYTES);
    let mut counts = [0usize; SCRIPTS];
    for c in text.chars() {
        if let Some(s) = script(c) {
            counts[s as usize] += 1;
        }
    }
    let is_cjk = |i: usize| {
        i == Script::Han as usize || i == Script::Kana as usize || i == Script::Hangul as usize
    };
    let (han, kana, hangul) = (
        counts[Script::Han as usize],
        counts[Script::Kana as usize],
        counts[Script::Hangul as usize],
    );
    let cjk = han + kana + hangul;
    // A CJK character carries about as much as a word; Han, Kana and Hangul count as one group.
    let cjk_weight = cjk * 4;
    let (top, top_count) = counts
        .iter()
        .enumerate()
        .filter(|&(i, _)| !is_cjk(i))
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))
        .map(|(i, &n)| (i, n))?;
    let total: usize = counts
        .iter()
        .enumerate()
        .filter(|&(i, _)| !is_cjk(i))
        .map(|(_, &n)| n)
        .sum::<usize>()
        + cjk_weight;
    if total == 0 {
        return None;
    }
    let words = crate::text_util::word_count(text);
    if cjk_weight > top_count {
        if cjk < MIN_CJK || cjk_weight * 5 < total * 2 {
            return None;
        }
        let lang = if hangul >= han.max(kana) {
            "ko"
        } else if kana * 10 >= kana + han {
            "ja"
        } else {
            "zh"
        };
        return Some(Detection {
            lang,
            strong: cjk_weight * 10 >= total * 9 && cjk >= 100,
        });
    }
    if top_count * 5 < total * 2 {
        return None; // no script has 40%
    }
    let share_strong = top_count * 10 >= total * 9;
    let s = SCRIPT_ORDER[top];
    let enough = match s {
        Script::Thai | Script::Lao | Script::Khmer | Script::Myanmar | Script::Tibetan => {
            top_count >= MIN_UNSPACED
        }
        _ => words >= MIN_WORDS,
    };
    if !enough {
        return None;
    }
    let strong_len = words >= 60 || top_count >= 300;
    if let Some(lang) = script_language(s) {
        return Some(Detection {
            lang,
            strong: share_strong && strong_len,
        });
    }
    let lang = match s {
        Script::Arabic => arabic(text, top_count),
        Script::Hebrew => hebrew(text),
        Script::Cyrillic => cyrillic(text),
        Script::Latin => {
            let (lang, clear) = latin(text)?;
            return Some(Detection {
                lang,
                strong: clear && share_strong && words >= 60,
            });
        }
        _ => return None,
    };
    Some(Detection {
        lang,
        strong: share_strong && strong_len,
    })
}

const SCRIPT_ORDER: [Script; SCRIPTS] = {
    use Script::*;
    [
        Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Thaana, Devanagari, Bengali, Gurmukhi,
        Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar,
        Georgian, Hangul, Ethiopic, Khmer, Kana, Han,
    ]
};

fn count_of(text: &str, set: &[char]) -> usize {
    text.chars().filter(|c| set.contains(c)).count()
}

/// Arabic script: Urdu and Persian use letters Arabic does not.
fn arabic(text: &str, letters: usize) -> &'static str {
    // ٹ ڈ ڑ ں ے ھ: Urdu only.
    let urdu = count_of(
        text,
        &[
            '\u{0679}', '\u{0688}', '\u{0691}', '\u{06BA}', '\u{06D2}', '\u{06BE}',
        ],
    );
    // پ چ ژ گ ک ی: Persian (and Urdu).
    let persian = count_of(
        text,
        &[
            '\u{067E}', '\u{0686}', '\u{0698}', '\u{06AF}', '\u{06A9}', '\u{06CC}',
        ],
    );
    // ة ي ى ك: Arabic spelling.
    let arab = count_of(text, &['\u{0629}', '\u{064A}', '\u{0649}', '\u{0643}']);
    if urdu * 50 >= letters && urdu >= 2 {
        "ur"
    } else if persian * 30 >= letters && persian > arab {
        "fa"
    } else {
        "ar"
    }
}

fn hebrew(text: &str) -> &'static str {
    // װ ױ ײ: Yiddish digraphs.
    if count_of(text, &['\u{05F0}', '\u{05F1}', '\u{05F2}']) >= 2 {
        "yi"
    } else {
        "he"
    }
}

fn cyrillic(text: &str) -> &'static str {
    let lower: String = text.chars().flat_map(crate::lower::lower_char).collect();
    let serbian = count_of(&lower, &['ђ', 'ј', 'љ', 'њ', 'ћ', 'џ']);
    let macedonian = count_of(&lower, &['ѓ', 'ќ', 'ѕ']);
    let belarusian = count_of(&lower, &['ў']);
    let ukrainian = count_of(&lower, &['і', 'ї', 'є', 'ґ']);
    let russian = count_of(&lower, &['ы', 'э', 'ё']);
    let hard_sign = count_of(&lower, &['ъ']);
    if serbian >= 2 && serbian > macedonian {
        "sr"
    } else if macedonian >= 2 {
        "mk"
    } else if belarusian >= 2 {
        "be"
    } else if ukrainian >= 2 && ukrainian > russian {
        "uk"
    } else if russian == 0 && hard_sign >= 2 {
        "bg"
    } else {
        "ru"
    }
}

/// The Latin-script languages and their most frequent short words.
const LATIN: &[(&str, &str)] = &[
    ("en", "the and of to in is that it was for on with as are this by be at from have has not but they he she which you were their an or will would been its we there what about who his her"),
    ("es", "el la de que y en los las del se por un una con no es para su al lo como más pero sus le ya fue este ha muy también entre cuando sobre está son hay esta desde todo"),
    ("fr", "le la les de des et est en un une du que qui dans pour pas sur au avec il elle ne plus par ce sont ont mais cette aux nous vous été leur comme ou où se"),
    ("de", "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an er hat aus bei sind wird wurde nach noch wie einem einer über oder aber vor zur zum dass werden sie"),
    ("it", "il di che e la un una per non del della è in si con sono da le dei nel alla più anche come ma gli al lo questo ha delle nella essere stato tra suo ci"),
    ("pt", "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também são pelo pela"),
    ("nl", "de het een van en in is dat op te zijn voor met die niet aan er om ook als maar bij of uit wordt door nog naar heeft werd was hij zij ze wat worden deze dan kan over"),
    ("sv", "och att det som en på är för med av till inte den om har de jag ett men var vi så kan från eller hade sig efter när också skulle hon han vid under alla mycket detta sina"),
    ("da", "og i at det er en til på af de med for som ikke der den har et jeg var men han hun vi kan blev efter meget sig nu end mere hvad nogle også eller fra skal når"),
    ("no", "og i det er en til på av som for med ikke at de den har et jeg var men han hun vi kan ble etter mye seg nå enn mer hva noen også eller fra skal når ut"),
    ("pl", "i w nie na się z do to że jest o jak ale po co tak za od jego są przez dla tym było już może jej ten czy który która które ich tylko oraz gdy także"),
    ("cs", "a se na v je že to s z do o jako by ale k pro jsou tak jeho po jak už který která které bylo byl být jejich také však nebo když podle při až ve ze od jsem"),
    ("tr", "ve bir bu da de için ile olarak çok daha gibi ne o en olan kadar sonra ama her var değil ya veya şey ancak göre ise oldu olduğu bunu büyük yeni diye mi"),
    ("id", "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke ada karena oleh ia saya kami mereka bisa sudah atau telah lebih seperti tersebut adalah namun hanya bahwa"),
    ("vi", "và của có là được trong các cho không một những với người đã này để khi đến từ như nhiều theo sẽ ra cũng về năm vào tại nhưng thì"),
    ("ro", "și şi de în la a cu care pe nu din o un este se mai pentru că sau fost lui ca sunt al ale unui unei după fi acest această dar au între"),
    ("hu", "a az és hogy nem is egy van meg de el ez azt mint csak már volt még ki be kell vagy amely pedig minden lesz után szerint nagyon között akkor sem mert"),
    ("fi", "ja on ei se että oli hän mutta kun myös ovat tai niin jos kuin sen mitä ole ne vain jo nyt sitten joka jotka tämä tämän olla voi kanssa hyvin sekä koska mukaan kaikki"),
];

/// Letters that point to a few languages (each occurrence is a small vote).
const LETTERS: &[(char, &str)] = &[
    ('ß', "de"),
    ('ñ', "es"),
    ('ã', "pt"),
    ('õ', "pt"),
    ('ő', "hu"),
    ('ű', "hu"),
    ('ł', "pl"),
    ('ą', "pl"),
    ('ę', "pl"),
    ('ś', "pl"),
    ('ź', "pl"),
    ('ż', "pl"),
    ('ń', "pl"),
    ('ř', "cs"),
    ('ů', "cs"),
    ('ě', "cs"),
    ('ğ', "tr"),
    ('ı', "tr"),
    ('ş', "tr"),
    ('ș', "ro"),
    ('ț', "ro"),
    ('ă', "ro"),
    ('ø', "da no"),
    ('æ', "da no"),
    ('å', "sv da no"),
    ('ä', "sv de fi"),
    ('ö', "sv de fi hu tr"),
    ('ü', "de tr hu"),
    ('ç', "fr pt tr"),
    ('è', "fr it"),
    ('ê', "fr pt"),
    ('ơ', "vi"),
    ('ư', "vi"),
    ('đ', "vi"),
];

/// Word -> bit set of the languages (indices into [`LATIN`]) listing it.
fn table() -> &'static WordMap<u32> {
    static TABLE: OnceLock<WordMap<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: WordMap<u32> = WordMap::default();
        for (i, (_, words)) in LATIN.iter().enumerate() {
            // One-letter words (a, i, o, y, w, z...) also turn up as initials, units and list
            // markers in any text: they are not counted.
            for w in words.split(' ').filter(|w| w.chars().count() > 1) {
                *m.entry(w).or_insert(0) |= 1 << i;
            }
        }
        m
    })
}

fn lang_index(code: &str) -> Option<usize> {
    LATIN.iter().position(|(c, _)| *c == code)
}

/// Scores Latin-script text; returns the winner and whether it won clearly.
fn latin(text: &str) -> Option<(&'static str, bool)> {
    let table = table();
    let mut words = 0usize;
    let mut hits: WordMap<(u32, usize)> = WordMap::default();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if word.is_empty() {
            return;
        }
        words += 1;
        if let Some((&w, &bits)) = table.get_key_value(word.as_str()) {
            hits.entry(w).or_insert((bits, 0)).1 += 1;
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphabetic() {
            word.extend(crate::lower::lower_char(c));
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    if words < MIN_WORDS {
        return None;
    }
    // One word repeated (`mi` in a list of distances, `de` in names) counts only so much.
    let cap = (words / 30).max(3);
    let mut scores = [0f32; 18];
    let mut distinct = [0usize; 18];
    for &(bits, count) in hits.values() {
        let share = count.min(cap) as f32 / bits.count_ones() as f32;
        for i in 0..LATIN.len() {
            if bits & (1 << i) != 0 {
                scores[i] += share;
                distinct[i] += 1;
            }
        }
    }
    // Telling letters: a small vote each, capped so they only break ties.
    let mut letter_votes = [0f32; 18];
    // Every telling letter is outside ASCII, and ASCII letters lowercase to ASCII.
    for c in text
        .chars()
        .filter(|c| !c.is_ascii())
        .flat_map(crate::lower::lower_char)
    {
        if let Some((_, langs)) = LETTERS.iter().find(|(l, _)| *l == c) {
            let n = langs.split(' ').count() as f32;
            for code in langs.split(' ') {
                if let Some(i) = lang_index(code) {
                    letter_votes[i] += 0.25 / n;
                }
            }
        }
    }
    for (s, v) in scores.iter_mut().zip(letter_votes) {
        *s += v.min(3.0);
    }
    let mut order: Vec<usize> = (0..LATIN.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (best, second) = (scores[order[0]], scores[order[1]]);
    if best < 3.0 || best < second * 1.25 || best < words as f32 * 0.06 {
        return None;
    }
    let clear = best >= second * 2.0 && best >= 8.0 && distinct[order[0]] >= 8;
    Some((LATIN[order[0]].0, clear))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        detect(s)
    }

    #[test]
    fn latin_languages() {
        let cases = [
            ("en", "The council voted on Tuesday to close the old bridge, which has been in poor repair for years, and the mayor said that a new one would be built by the end of next spring."),
            ("es", "El ayuntamiento votó el martes para cerrar el viejo puente, que lleva años en mal estado, y el alcalde dijo que se construirá uno nuevo antes de que termine la primavera."),
            ("fr", "Le conseil municipal a voté mardi la fermeture du vieux pont, qui est en mauvais état depuis des années, et le maire a dit qu'un nouveau pont sera construit avant la fin du printemps."),
            ("de", "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu schließen, die seit Jahren in schlechtem Zustand ist, und der Bürgermeister sagte, dass bis zum Frühjahr eine neue gebaut wird."),
            ("it", "Il consiglio comunale ha votato martedì per chiudere il vecchio ponte, che da anni è in cattivo stato, e il sindaco ha detto che ne sarà costruito uno nuovo entro la fine della primavera."),
            ("pt", "A câmara municipal votou na terça-feira para fechar a ponte velha, que está em mau estado há muitos anos, e o prefeito disse que uma nova será construída até o fim da primavera."),
            ("nl", "De gemeenteraad heeft dinsdag besloten om de oude brug te sluiten, die al jaren in slechte staat is, en de burgemeester zei dat er voor het einde van de lente een nieuwe wordt gebouwd."),
            ("sv", "Kommunfullmäktige röstade på tisdagen för att stänga den gamla bron, som har varit i dåligt skick i många år, och borgmästaren sa att en ny ska byggas innan våren är slut."),
            ("da", "Byrådet stemte tirsdag for at lukke den gamle bro, som har været i dårlig stand i mange år, og borgmesteren sagde, at der vil blive bygget en ny, før foråret er forbi, og at det er meget vigtigt."),
            ("no", "Bystyret stemte tirsdag for å stenge den gamle brua, som har vært i dårlig stand i mange år, og ordføreren sa at det skal bygges en ny før våren er over, og at det er mye som må gjøres nå."),
            ("pl", "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu, który od lat jest w złym stanie, a burmistrz powiedział, że nowy zostanie zbudowany do końca wiosny i że to jest bardzo ważne."),
            ("cs", "Městská rada v úterý odhlasovala uzavření starého mostu, který je už léta ve špatném stavu, a starosta řekl, že nový bude postaven do konce jara a že je to pro město velmi důležité."),
            ("tr", "Belediye meclisi salı günü yıllardır kötü durumda olan eski köprüyü kapatmak için oy verdi ve belediye başkanı baharın sonuna kadar yeni bir köprü yapılacağını söyledi, bu çok önemli bir karar."),
            ("id", "Dewan kota memutuskan pada hari Selasa untuk menutup jembatan tua yang sudah bertahun-tahun dalam kondisi buruk, dan wali kota mengatakan bahwa jembatan baru akan dibangun sebelum akhir tahun ini."),
            ("vi", "Hội đồng thành phố đã bỏ phiếu vào thứ Ba để đóng cửa cây cầu cũ, vốn đã xuống cấp trong nhiều năm, và thị trưởng nói rằng một cây cầu mới sẽ được xây dựng trước cuối mùa xuân."),
            ("ro", "Consiliul local a votat marți pentru închiderea podului vechi, care este de ani de zile într-o stare proastă, iar primarul a spus că un pod nou va fi construit până la sfârșitul primăverii."),
            ("hu", "A városi tanács kedden megszavazta, hogy lezárják a régi hidat, amely évek óta rossz állapotban van, és a polgármester azt mondta, hogy tavasz végéig egy új hidat is építenek majd a folyón."),
            ("fi", "Kaupunginvaltuusto äänesti tiistaina vanhan sillan sulkemisesta, koska se on ollut huonossa kunnossa jo monta vuotta, ja pormestari sanoi, että uusi silta rakennetaan kevään aikana ja että se on tärkeää."),
        ];
        for (want, text) in cases {
            assert_eq!(d(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn other_scripts() {
        let cases = [
            ("ru", "Городской совет во вторник проголосовал за закрытие старого моста, который уже много лет находится в плохом состоянии, а мэр сказал, что новый мост построят до конца весны этого года."),
            ("uk", "Міська рада у вівторок проголосувала за закриття старого мосту, який уже багато років перебуває в поганому стані, а мер сказав, що новий міст збудують до кінця весни цього року."),
            ("bg", "Общинският съвет гласува във вторник да затвори стария мост, който от години е в лошо състояние, а кметът каза, че нов мост ще бъде построен до края на пролетта, което е важно за града."),
            ("el", "Το δημοτικό συμβούλιο ψήφισε την Τρίτη να κλείσει η παλιά γέφυρα, η οποία βρίσκεται σε κακή κατάσταση εδώ και χρόνια, και ο δήμαρχος είπε ότι μια νέα θα κατασκευαστεί μέχρι το τέλος της άνοιξης."),
            ("ar", "صوت المجلس البلدي يوم الثلاثاء على إغلاق الجسر القديم الذي كان في حالة سيئة منذ سنوات، وقال رئيس البلدية إن جسرا جديدا سيتم بناؤه قبل نهاية فصل الربيع في هذه المدينة الكبيرة."),
            ("fa", "شورای شهر روز سه‌شنبه به بستن پل قدیمی که سال‌هاست در وضعیت بدی قرار دارد رأی داد و شهردار گفت که یک پل جدید تا پایان بهار ساخته خواهد شد و این برای مردم شهر بسیار مهم است."),
            ("ur", "سٹی کونسل نے منگل کو پرانے پل کو بند کرنے کے حق میں ووٹ دیا جو کئی سالوں سے خراب حالت میں ہے، اور میئر نے کہا کہ بہار کے آخر تک ایک نیا پل تعمیر کیا جائے گا جو شہر کے لیے بہت اہم ہے۔"),
            ("he", "מועצת העיר הצביעה ביום שלישי על סגירת הגשר הישן, שנמצא במצב גרוע כבר שנים רבות, וראש העיר אמר כי גשר חדש ייבנה עד סוף האביב וכי מדובר בפרויקט חשוב מאוד לתושבי העיר."),
            ("hi", "नगर परिषद ने मंगलवार को पुराने पुल को बंद करने के पक्ष में मतदान किया, जो कई वर्षों से खराब हालत में है, और महापौर ने कहा कि वसंत के अंत तक एक नया पुल बनाया जाएगा जो शहर के लिए बहुत जरूरी है।"),
            ("th", "สภาเมืองลงมติเมื่อวันอังคารให้ปิดสะพานเก่าซึ่งอยู่ในสภาพทรุดโทรมมาหลายปีแล้ว และนายกเทศมนตรีกล่าวว่าจะมีการสร้างสะพานใหม่ให้เสร็จก่อนสิ้นฤดูใบไม้ผลิ"),
            ("ko", "시의회는 화요일 수년 동안 상태가 좋지 않았던 오래된 다리를 폐쇄하기로 의결했으며, 시장은 봄이 끝나기 전에 새 다리를 건설할 것이라고 말했다."),
            ("ja", "市議会は火曜日、長年にわたり老朽化が進んでいた古い橋を閉鎖することを決定し、市長は春の終わりまでに新しい橋を建設すると述べた。"),
            ("zh", "市议会周二投票决定关闭这座多年来状况不佳的旧桥，市长表示，新桥将在春季结束前建成，这对城市居民来说非常重要。"),
            ("ka", "საქალაქო საბჭომ სამშაბათს მხარი დაუჭირა ძველი ხიდის დახურვას, რომელიც წლების განმავლობაში ცუდ მდგომარეობაშია, და მერმა თქვა, რომ ახალი ხიდი გაზაფხულის ბოლომდე აშენდება ქალაქისთვის."),
            ("hy", "Քաղաքային խորհուրդը երեքշաբթի օրը քվեարկեց փակել հին կամուրջը, որը տարիներ շարունակ վատ վիճակում է, և քաղաքապետը ասաց, որ նոր կամուրջ կկառուցվի մինչև գարնան վերջը այս տարի քաղաքում։"),
            ("ta", "நகர சபை செவ்வாய்க்கிழமை பல ஆண்டுகளாக மோசமான நிலையில் இருந்த பழைய பாலத்தை மூட வாக்களித்தது, மேலும் வசந்த காலத்தின் இறுதிக்குள் புதிய பாலம் கட்டப்படும் என்று மேயர் கூறினார் இது நகரத்திற்கு மிகவும் முக்கியமானது என்றும் அவர் தெரிவித்தார்."),
        ];
        for (want, text) in cases {
            assert_eq!(d(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn too_little_or_ambiguous_text() {
        assert_eq!(d(""), None);
        assert_eq!(d("Hello world"), None);
        assert_eq!(d("The bridge is closed."), None);
        assert_eq!(d("1234 5678 !!! ??? ... ---"), None);
        assert_eq!(d("Xq zzv brrk plo fnarg wug tib nax quor blen vrit sko zamp frel gorp tink wobb drel snik plaf."), None);
        assert_eq!(d("市议会"), None);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let long = "é".repeat(20_000) + &"the ".repeat(100);
        let _ = d(&long);
        let _ = d(&"日".repeat(20_000));
        let _ = d("\u{0}\u{10FFFF}\u{FEFF}");
    }

    #[test]
    fn strong_only_with_enough_text() {
        let short = "The council voted on Tuesday to close the old bridge, which has been in poor repair for years, and the mayor said that a new one would be built by the end of next spring.";
        assert!(!detect_scored(short).unwrap().strong);
        let long = short.repeat(3);
        let det = detect_scored(&long).unwrap();
        assert_eq!(det.lang, "en");
        assert!(det.strong);
    }
}
