//! Names: what a person's name looks like in English-language news about Korea — Korean and Chinese
//! family-first names checked syllable by syllable, Western and Japanese given-first names — and the
//! capitalised words that are never part of one. Also the English word list used to re-join lines.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("words.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect()
});

/// Whether `word` (lowercase) is a common English word.
pub(crate) fn is_english_word(word: &str) -> bool {
    WORDS.contains(word)
}

/// Romanised Korean family names (Revised, McCune–Reischauer and common personal spellings).
pub(crate) const KOREAN_SURNAMES: &[&str] = &[
    "Kim", "Lee", "Yi", "Rhee", "Park", "Pak", "Bak", "Choi", "Choe", "Jung", "Jeong", "Chung",
    "Kang", "Cho", "Jo", "Yoon", "Yun", "Jang", "Chang", "Lim", "Im", "Han", "Oh", "Seo", "Suh",
    "Shin", "Kwon", "Hwang", "Ahn", "An", "Song", "Yoo", "Yu", "Ryu", "Hong", "Jeon", "Chun", "Ko",
    "Koh", "Moon", "Mun", "Yang", "Son", "Sohn", "Bae", "Baek", "Paik", "Heo", "Hur", "Huh", "Nam",
    "Noh", "Roh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Ju", "Woo", "Min", "Ryoo", "Na", "Ra",
    "Jin", "Ji", "Eom", "Um", "Won", "Chae", "Pyo", "Byun", "Ban", "Bang", "Gong", "Kong", "Hyun",
    "Hahn", "Yeo", "Yeom", "Do", "Tak", "Ok", "Seok", "Suk", "Gil", "Ma", "Yook", "Lyu", "Sim",
    "Shim", "Ri", "Choo", "Chu", "Wi", "Kil", "Maeng", "Pyun", "Ihm", "Hyeon",
];

/// Common Chinese family names in pinyin.
pub(crate) const CHINESE_SURNAMES: &[&str] = &[
    "Xi", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun",
    "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han",
    "Tang", "Feng", "Yu", "Dong", "Xiao", "Cheng", "Cao", "Yuan", "Deng", "Fu", "Shen", "Zeng",
    "Peng", "Lu", "Su", "Jiang", "Cai", "Jia", "Ding", "Wei", "Xue", "Ye", "Yan", "Pan", "Du",
    "Dai", "Xia", "Zhong", "Tian", "Ren", "Fan", "Fang", "Shi", "Yao", "Tan", "Liao", "Zou",
    "Xiong", "Jin", "Hao", "Kong", "Bai", "Cui", "Kang", "Mao", "Qiu", "Qin", "Gu", "Hou", "Shao",
    "Meng", "Long", "Wan", "Duan", "Lei", "Qian", "Yin", "Wen", "Hua", "Bo", "Geng",
];

static KOREAN_SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:kk|tt|pp|ss|jj|ch|kh|th|ph|sh|wh|[gkndrlmbpsjchtwy])?(?:yae|yeo|wae|eui|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ou|ee|ei|ai|a|e|o|u|i)(?:ng|nk|lk|lm|lb|[kgnmlpbtd])?$").unwrap()
});

static PINYIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u))+$").unwrap()
});

fn korean_given(token: &str) -> bool {
    let lower = token.to_lowercase();
    !lower.is_empty()
        && lower.len() <= 12
        && lower
            .split('-')
            .all(|s| !s.is_empty() && KOREAN_SYLLABLE.is_match(s))
}

fn chinese_given(token: &str) -> bool {
    let lower = token.to_lowercase();
    !token.contains('-') && lower.len() <= 8 && PINYIN.is_match(&lower)
}

/// Whether the name is written family name first (Korean or Chinese), which decides its short form.
pub(crate) fn family_first(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let Some((first, rest)) = tokens.split_first() else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    (KOREAN_SURNAMES.contains(first) && rest.iter().all(|t| korean_given(t)))
        || (CHINESE_SURNAMES.contains(first) && rest.len() == 1 && chinese_given(rest[0]))
}

/// Whether `name` looks like a Korean name on its own, without any context: a family name and a
/// hyphenated given name (`Kang Kyung-wha`) or two given syllables (`Yoon Suk Yeol`).
pub(crate) fn korean_name(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    match tokens.as_slice() {
        [family, given] => {
            KOREAN_SURNAMES.contains(family) && given.contains('-') && korean_given(given)
        }
        [family, a, b] => {
            KOREAN_SURNAMES.contains(family)
                && !a.contains('-')
                && !b.contains('-')
                && a.len() <= 5
                && b.len() <= 5
                && korean_given(a)
                && korean_given(b)
        }
        _ => false,
    }
}

/// Whether `name` looks like a Chinese name on its own: `Xi Jinping`, `Wang Yi`.
pub(crate) fn chinese_name(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    match tokens.as_slice() {
        [family, given] => {
            CHINESE_SURNAMES.contains(family)
                && chinese_given(given)
                && !is_english_word(&given.to_lowercase())
        }
        _ => false,
    }
}

/// The word a story uses for the person after first mention: `Moon` for Moon Jae-in, `Tillerson`
/// for Rex Tillerson.
pub(crate) fn short_form(name: &str) -> Option<&str> {
    let tokens: Vec<&str> = name
        .split_whitespace()
        .filter(|t| !matches!(*t, "Jr." | "Jr" | "Sr." | "II" | "III"))
        .collect();
    if tokens.len() < 2 {
        return None;
    }
    if family_first(name) {
        tokens.first().copied()
    } else {
        tokens.last().copied()
    }
}

/// Capitalised words that are not names: titles, places, institutions, days and months.
const STOP_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "Of",
    "In",
    "On",
    "At",
    "For",
    "To",
    "With",
    "By",
    "From",
    "As",
    "But",
    "Or",
    "If",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "Our",
    "I",
    "You",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Sir",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "North",
    "South",
    "East",
    "West",
    "Korea",
    "Korean",
    "Koreans",
    "Koreas",
    "United",
    "States",
    "Nations",
    "America",
    "American",
    "Americans",
    "US",
    "U.S.",
    "UN",
    "U.N.",
    "Japan",
    "Japanese",
    "China",
    "Chinese",
    "Russia",
    "Russian",
    "Ukraine",
    "Taiwan",
    "Asia",
    "Asian",
    "Pacific",
    "Indo",
    "Europe",
    "European",
    "Union",
    "Seoul",
    "Pyongyang",
    "Washington",
    "Tokyo",
    "Beijing",
    "Moscow",
    "New",
    "York",
    "Geneva",
    "Hanoi",
    "Singapore",
    "Peninsula",
    "House",
    "Blue",
    "White",
    "Pentagon",
    "Kremlin",
    "Ministry",
    "Minister",
    "Ministers",
    "Ministerial",
    "Foreign",
    "Affairs",
    "Defense",
    "Defence",
    "Unification",
    "National",
    "Assembly",
    "Security",
    "Council",
    "General",
    "Secretary",
    "Secretaries",
    "State",
    "Department",
    "Office",
    "President",
    "Presidential",
    "Prime",
    "Vice",
    "Deputy",
    "First",
    "Chief",
    "Ambassador",
    "Embassy",
    "Government",
    "Administration",
    "Party",
    "Democratic",
    "Republican",
    "People",
    "Power",
    "Workers",
    "Central",
    "Committee",
    "Command",
    "Forces",
    "Force",
    "Army",
    "Navy",
    "Air",
    "Military",
    "Joint",
    "Chiefs",
    "Staff",
    "Agency",
    "News",
    "TV",
    "Radio",
    "Yonhap",
    "Times",
    "Herald",
    "Post",
    "Daily",
    "Ilbo",
    "Press",
    "Reuters",
    "Associated",
    "Agence",
    "Street",
    "Road",
    "University",
    "Institute",
    "Center",
    "Centre",
    "Foundation",
    "Council",
    "Congress",
    "Senate",
    "Parliament",
    "Cabinet",
    "Alliance",
    "Summit",
    "Treaty",
    "Agreement",
    "Declaration",
    "Act",
    "Bill",
    "Law",
    "Court",
    "Supreme",
    "Constitutional",
    "Bank",
    "Fund",
    "Group",
    "Corp",
    "Co",
    "Inc",
    "Ltd",
    "Company",
    "Samsung",
    "Hyundai",
    "Republic",
    "Kingdom",
    "Federation",
    "Organization",
    "Organisation",
    "Council",
    "Affairs",
    "Strategy",
    "Policy",
    "Trade",
    "Commerce",
    "Industry",
    "Energy",
    "Finance",
    "Economy",
    "Economic",
    "Justice",
    "Interior",
    "Treasury",
    "Intelligence",
    "Service",
    "Services",
    "Police",
    "Coast",
    "Guard",
    "Nuclear",
    "Missile",
    "Space",
    "Cyber",
    "Day",
    "Week",
    "Year",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Morning",
    "Evening",
    "Lunar",
    "Olympics",
    "Olympic",
    "Games",
    "Cup",
    "Camp",
    "Mount",
    "Island",
    "Islands",
    "Public",
    "Relations",
    "Author",
    "Sea",
    "River",
    "Strait",
    "Gulf",
    "Middle",
    "Northeast",
    "Southeast",
    "Hall",
    "Palace",
    "Square",
    "Building",
    "Complex",
    "Station",
    "Airport",
    "Port",
    "Base",
    "Yongsan",
    "Panmunjom",
    "Kaesong",
    "DMZ",
    "THAAD",
    "ICBM",
    "FTA",
    "KORUS",
    "NATO",
    "G7",
    "G20",
    "APEC",
    "ASEAN",
    "IAEA",
    "EU",
    "ROK",
    "DPRK",
    "USFK",
    "CFC",
    "UNC",
    "KCNA",
    "KST",
    "AP",
    "AFP",
    "BBC",
    "CNN",
    "VOA",
    "NK",
    "MOFA",
    "Photo",
    "Photos",
    "Video",
    "Source",
    "Sources",
    "Editor",
    "Editing",
    "Reporting",
    "Reporter",
    "Staff",
    "Writer",
    "Correspondent",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Envoy",
    "Special",
    "Representative",
    "Senator",
    "Sen",
    "Rep",
    "Gen",
    "Adm",
    "Col",
    "Lt",
    "Gov",
    "Governor",
    "Mayor",
    "Director",
    "Chairman",
    "Chairwoman",
    "Leader",
    "Premier",
    "Speaker",
    "Commissioner",
    "Professor",
    "Prof",
    "Adviser",
    "Advisor",
    "Counselor",
    "Commander",
    "King",
    "Queen",
    "Pope",
    "Emperor",
    "Chancellor",
    "Lady",
    "Democrats",
    "Republicans",
    "Conservative",
    "Liberal",
    "Progressive",
    "Christian",
    "Catholic",
    "Buddhist",
    "Islamic",
    "Muslim",
    "English",
    "French",
    "German",
    "British",
    "Britain",
    "France",
    "Germany",
    "India",
    "Indian",
    "Australia",
    "Australian",
    "Canada",
    "Canadian",
    "Philippines",
    "Vietnam",
    "Mongolia",
    "Iran",
    "Israel",
    "Syria",
    "Gaza",
    "Hamas",
    "Taliban",
    "Cold",
    "War",
    "World",
    "Global",
    "International",
    "Free",
    "Shield",
    "Freedom",
    "Guardian",
    "Eagle",
    "Resolve",
    "Ulchi",
    "Key",
    "Sunshine",
    "Nordpolitik",
    "Peace",
    "Prosperity",
    "Future",
    "Initiative",
    "Vision",
    "Plan",
    "Program",
    "Project",
    "Report",
    "Statement",
    "Communique",
    "Readout",
    "Note",
    "Media",
    "Briefing",
    "Room",
    "Internet",
    "Google",
    "Facebook",
    "Twitter",
    "YouTube",
    "Telegram",
    "Kakao",
    "Naver",
    "Gyeonggi",
    "Busan",
    "Incheon",
    "Jeju",
    "Gangwon",
    "Daegu",
    "Gwangju",
    "Daejeon",
    "Ulsan",
    "Sejong",
    "Gangnam",
    "Jongno",
    "Chungcheong",
    "Jeolla",
    "Gyeongsang",
    "Dokdo",
    "Yeonpyeong",
    "Baengnyeong",
    "Cheonan",
    "Sewol",
    "Hwasong",
    "Pukguksong",
    "Unha",
    "Kwangmyongsong",
    "Yongbyon",
    "Punggye",
    "Sohae",
    "Sinpo",
    "Nampo",
    "Rason",
    "Sinuiju",
    "Wonsan",
    "Kumgang",
    "Hamhung",
    "Chongjin",
    "Myanmar",
    "Cambodia",
    "Laos",
    "Thailand",
    "Malaysia",
    "Indonesia",
    "Pakistan",
    "Africa",
    "African",
    "Latin",
    "Arctic",
    "Antarctic",
    "Atlantic",
    "Indian",
    "Ocean",
    "Hawaii",
    "Guam",
    "Okinawa",
    "Macau",
    "Shanghai",
    "Shenyang",
    "Dandong",
    "Vladivostok",
    "Khabarovsk",
    "Kyiv",
    "Kiev",
    "Paris",
    "London",
    "Berlin",
    "Brussels",
    "Rome",
    "Madrid",
    "Warsaw",
    "Stockholm",
    "Helsinki",
    "Oslo",
    "Ottawa",
    "Canberra",
    "Manila",
    "Jakarta",
    "Bangkok",
    "Delhi",
    "Islamabad",
    "Tehran",
    "Jerusalem",
    "Cairo",
    "Texas",
    "California",
    "Virginia",
    "Maryland",
    "Florida",
    "Hawaiian",
    "Alaska",
    "Yankee",
    "Dollar",
    "Yen",
    "Yuan",
    "Euro",
    "Inc.",
    "Co.",
    "Corp.",
];

/// Names of places and institutions that are shaped like Korean personal names.
const INSTITUTIONS: &[&str] = &[
    "Cheong Wa Dae",
    "Chong Wa Dae",
    "Kim Il Sung Square",
    "Kim Il Sung University",
];

/// Whether a name-shaped phrase is a place or an institution.
pub(crate) fn is_institution(name: &str) -> bool {
    INSTITUTIONS.iter().any(|i| i.eq_ignore_ascii_case(name))
}

static STOP_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// Whether a capitalised word is one that never begins or ends a person's name.
pub(crate) fn is_stop_word(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', '’', '\'']);
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    STOP_SET.contains(word) || word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Normalised key for comparing spellings: `Kim Jong-un`, `Kim Jong Un` and `KIM JONG UN` agree.
pub(crate) fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_names_are_recognised_by_their_syllables() {
        for name in [
            "Kang Kyung-wha",
            "Moon Jae-in",
            "Yoon Suk Yeol",
            "Choe Son-hui",
            "Kim Jong Un",
            "Chung Eui-yong",
        ] {
            assert!(korean_name(name), "{name}");
            assert!(family_first(name), "{name}");
        }
        for name in ["Han River Park", "Lee Harvey", "Park Avenue"] {
            assert!(!korean_name(name), "{name}");
        }
    }

    #[test]
    fn short_forms_follow_name_order() {
        assert_eq!(short_form("Moon Jae-in"), Some("Moon"));
        assert_eq!(short_form("Rex Tillerson"), Some("Tillerson"));
        assert_eq!(short_form("Xi Jinping"), Some("Xi"));
        assert_eq!(short_form("Shinzo Abe"), Some("Abe"));
        assert_eq!(short_form("Suh Wook"), Some("Suh"));
    }

    #[test]
    fn chinese_names_need_a_pinyin_given_name() {
        assert!(chinese_name("Xi Jinping"));
        assert!(chinese_name("Wang Yi"));
        assert!(!chinese_name("Song Sung"));
        assert!(!chinese_name("Long Island"));
    }

    #[test]
    fn the_word_list_knows_common_words() {
        assert!(is_english_word("cooperation"));
        assert!(!is_english_word("coope"));
    }
}
