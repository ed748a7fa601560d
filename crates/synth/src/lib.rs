//! `folio-synth`: synthetic Jekyll archives for Folio's benchmarks and its
//! large-archive browser tests. It is not part of the `folio` command.
//!
//! The archives are Chinese and English posts with
//! the front matter shapes and Markdown of real archives, 1–4 tags drawn from
//! a Zipf-distributed vocabulary of thousands, a few dozen categories, dates
//! spread over 20 years and bodies of 1–20 KB. The same seed always gives the
//! same files, whatever the number of threads.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

/// Chinese words: titles, tags and sentences are built from them.
const ZH_WORDS: &[&str] = &[
    "经济",
    "改革",
    "发展",
    "市场",
    "政策",
    "企业",
    "投资",
    "金融",
    "银行",
    "科技",
    "创新",
    "数字",
    "教育",
    "医疗",
    "健康",
    "城市",
    "乡村",
    "农业",
    "交通",
    "能源",
    "环境",
    "气候",
    "文化",
    "旅游",
    "体育",
    "消费",
    "就业",
    "社会",
    "保障",
    "残疾人",
    "无障碍",
    "康复",
    "社区",
    "服务",
    "治理",
    "法治",
    "安全",
    "制造",
    "芯片",
    "汽车",
    "电池",
    "房地产",
    "住房",
    "基建",
    "贸易",
    "出口",
    "物流",
    "电商",
    "平台",
    "数据",
    "网络",
    "人工智能",
    "软件",
    "开源",
    "研究",
    "报告",
    "调查",
    "记者",
    "专家",
    "委员会",
    "地方",
    "全国",
    "国际",
    "合作",
    "项目",
    "建设",
    "标准",
    "质量",
    "增长",
    "利率",
    "债券",
    "股票",
    "基金",
    "保险",
    "税收",
    "预算",
    "财政",
    "人口",
    "养老",
    "儿童",
    "青年",
    "家庭",
    "志愿者",
    "公益",
    "慈善",
    "文学",
    "电影",
    "音乐",
    "艺术",
    "历史",
    "博物馆",
    "图书馆",
    "大学",
    "学校",
    "考试",
    "招聘",
    "工资",
    "收入",
    "价格",
];

/// English words for English posts and tags.
const EN_WORDS: &[&str] = &[
    "release",
    "static",
    "site",
    "generator",
    "theme",
    "plugin",
    "markdown",
    "liquid",
    "template",
    "layout",
    "build",
    "deploy",
    "server",
    "browser",
    "cache",
    "network",
    "rust",
    "wasm",
    "javascript",
    "css",
    "html",
    "design",
    "typography",
    "performance",
    "security",
    "privacy",
    "archive",
    "search",
    "index",
    "feed",
    "community",
    "contributor",
    "review",
    "issue",
    "patch",
    "version",
    "upgrade",
    "migration",
    "config",
    "collection",
    "draft",
    "post",
    "page",
    "permalink",
    "category",
    "tag",
    "excerpt",
    "date",
    "timezone",
    "unicode",
    "language",
    "locale",
    "mobile",
    "accessibility",
    "keyboard",
    "focus",
    "contrast",
    "image",
    "video",
    "audio",
    "data",
    "api",
    "database",
    "testing",
    "benchmark",
    "compiler",
    "runtime",
    "memory",
    "thread",
    "async",
    "stream",
    "parser",
    "format",
    "schema",
    "protocol",
    "history",
    "travel",
    "food",
];

const CATEGORY_COUNT: usize = 36;
const TAG_COUNT: usize = 3_000;

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Draws ranks 0..n with probability proportional to `1 / (rank + 1)^s`.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut total = 0.0;
        let mut cdf: Vec<f64> = (1..=n)
            .map(|r| {
                total += 1.0 / (r as f64).powf(s);
                total
            })
            .collect();
        for c in &mut cdf {
            *c /= total;
        }
        Zipf(cdf)
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.0.partition_point(|&c| c < u).min(self.0.len() - 1)
    }
}

/// The name of tag or category `rank`: two Chinese words, or one or two
/// English words, numbered past the words' combinations.
fn term_name(rank: usize, english: bool) -> String {
    if english {
        let (a, b) = (rank % EN_WORDS.len(), rank / EN_WORDS.len());
        if b == 0 {
            EN_WORDS[a].to_owned()
        } else {
            format!("{} {}", EN_WORDS[a], EN_WORDS[b % EN_WORDS.len()])
        }
    } else {
        let (a, b) = (rank % ZH_WORDS.len(), (rank / ZH_WORDS.len() + rank + 1) % ZH_WORDS.len());
        format!("{}{}", ZH_WORDS[a], ZH_WORDS[b])
    }
}

/// Sizes of the generated posts' bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodySize {
    /// Every body about this many bytes.
    Fixed(usize),
    /// Log-uniform between the two (median about their geometric mean), as
    /// news archives are: many short items, a long tail of long reads.
    Between(usize, usize),
}

/// The default: bodies of 1–20 KB.
pub const NEWS_SIZES: BodySize = BodySize::Between(1_000, 20_000);

/// Writes `_config.yml` and `count` posts under `dir`. Returns the number
/// of posts written.
///
/// # Errors
///
/// Fails when a file cannot be written.
pub fn write_site(dir: &Path, count: usize, size: BodySize, seed: u64) -> io::Result<usize> {
    let posts = dir.join("_posts");
    fs::create_dir_all(&posts)?;
    fs::write(
        dir.join("_config.yml"),
        "title: 合成归档 Synthetic archive\ndescription: Generated by folio-synth\nlang: zh-CN\nurl: https://example.com\ntimezone: Asia/Shanghai\n",
    )?;
    let tags = Zipf::new(TAG_COUNT, 1.0);
    let categories = Zipf::new(CATEGORY_COUNT, 0.8);
    (0..count).into_par_iter().try_for_each(|i| {
        let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let (name, text) = post(i, count, size, &tags, &categories, &mut rng);
        fs::write(posts.join(name), text)
    })?;
    Ok(count)
}

fn post(
    i: usize,
    count: usize,
    size: BodySize,
    tags: &Zipf,
    categories: &Zipf,
    rng: &mut Rng,
) -> (String, String) {
    let chinese = i % 2 == 0;
    // Twenty years, oldest first, evenly filled.
    let year = 2005 + (i * 20 / count.max(1));
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let words = if chinese { ZH_WORDS } else { EN_WORDS };
    let title_words: Vec<&str> = (0..4 + rng.below(5)).map(|_| rng.pick(words)).collect();
    let title = if chinese {
        title_words.concat()
    } else {
        let mut t = title_words.join(" ");
        t[..1].make_ascii_uppercase();
        t
    };
    let slug = if chinese { format!("news-{i}") } else { format!("{}-{i}", title_words[..3].join("-")) };
    let target = match size {
        BodySize::Fixed(n) => n,
        BodySize::Between(lo, hi) => {
            let (lo, hi) = (lo.max(1) as f64, hi.max(lo) as f64);
            (lo * (hi / lo).powf(rng.unit())) as usize
        }
    };

    let mut text = String::with_capacity(target + 1024);
    let _ = writeln!(text, "---\nlayout: post\ntitle: \"{title}\"");
    if rng.below(2) == 0 {
        let _ = writeln!(
            text,
            "date: {year}-{month:02}-{day:02} {:02}:{:02}:{:02} +0800",
            rng.below(24),
            rng.below(60),
            rng.below(60)
        );
    }
    let category = categories.draw(rng);
    let _ = writeln!(text, "categories: {}", term_name(category, category % 4 == 3));
    text.push_str("tags:\n");
    let mut chosen: Vec<usize> = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let rank = tags.draw(rng);
        if !chosen.contains(&rank) {
            chosen.push(rank);
            let _ = writeln!(text, "  - \"{}\"", term_name(rank, rank % 3 == 0));
        }
    }
    text.push_str("---\n\n");
    let body_start = text.len();
    let mut paragraph = 0;
    while text.len() - body_start < target {
        match paragraph % 9 {
            3 => {
                let _ = writeln!(text, "## {}{}\n", rng.pick(words), rng.pick(words));
            }
            5 if !chinese => text.push_str("```rust\nfn main() {\n    println!(\"hello\");\n}\n```\n\n"),
            7 => {
                let _ = writeln!(
                    text,
                    "- {}\n- [{}](https://example.com/{i}/{})\n",
                    rng.pick(words),
                    rng.pick(words),
                    rng.below(1000)
                );
            }
            _ => {
                for _ in 0..3 + rng.below(4) {
                    let n = 6 + rng.below(12);
                    for w in 0..n {
                        let word = rng.pick(words);
                        if chinese {
                            text.push_str(word);
                            if w == n / 2 {
                                text.push('，');
                            }
                        } else {
                            if w > 0 {
                                text.push(' ');
                            }
                            text.push_str(word);
                        }
                    }
                    text.push_str(if chinese { "。" } else { ". " });
                }
                text.push_str(if chinese { "**重点**。\n\n" } else { "*Emphasis*.\n\n" });
            }
        }
        paragraph += 1;
    }
    (format!("{year}-{month:02}-{day:02}-{slug}.md"), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_a_zipf_law_over_thousands_of_names() {
        let zipf = Zipf::new(TAG_COUNT, 1.0);
        let mut rng = Rng(7);
        let mut counts = vec![0usize; TAG_COUNT];
        for _ in 0..200_000 {
            counts[zipf.draw(&mut rng)] += 1;
        }
        // Rank 1 is about twice rank 2 and ten times rank 10.
        let ratio = |a: usize, b: usize| counts[a] as f64 / counts[b] as f64;
        assert!((1.8..2.2).contains(&ratio(0, 1)), "{}", ratio(0, 1));
        assert!((8.5..11.5).contains(&ratio(0, 9)), "{}", ratio(0, 9));
        assert!(counts.iter().filter(|&&c| c > 0).count() > 2_500);
        let names: std::collections::HashSet<String> =
            (0..TAG_COUNT).map(|r| term_name(r, r % 3 == 0)).collect();
        assert_eq!(names.len(), TAG_COUNT, "tag names are distinct");
    }

    #[test]
    fn the_same_seed_gives_the_same_posts() {
        let (tags, cats) = (Zipf::new(TAG_COUNT, 1.0), Zipf::new(CATEGORY_COUNT, 0.8));
        let a = post(5, 100, NEWS_SIZES, &tags, &cats, &mut Rng(1));
        let b = post(5, 100, NEWS_SIZES, &tags, &cats, &mut Rng(1));
        assert_eq!(a, b);
        let sizes: Vec<usize> =
            (0..400).map(|i| post(i, 400, NEWS_SIZES, &tags, &cats, &mut Rng(i as u64)).1.len()).collect();
        assert!(sizes.iter().all(|&s| (1_000..22_000).contains(&s)), "{:?}", sizes.iter().max());
        let median = {
            let mut s = sizes.clone();
            s.sort_unstable();
            s[200]
        };
        assert!((3_000..7_000).contains(&median), "median {median}");
    }
}
