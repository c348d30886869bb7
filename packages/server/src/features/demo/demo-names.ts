import { type SeededRandom, weightedTable } from "./seeded-random";

// Common surnames with rough frequencies per 1,000 people (national figures; 马 raised, as it is
// in Gansu with its large Hui population, 牛 and 火 added as north-western names).
const SURNAMES = weightedTable(
  (
    "李74 王71 张70 刘54 陈45 杨31 马30 赵23 黄22 吴20 周19 徐17 孙15 朱13 胡13 郭12 何12 高12 林11 " +
    "罗9 郑9 梁8 谢8 宋8 唐8 许7 韩7 冯7 邓7 曹7 彭6 曾6 肖6 田6 董6 袁5 潘5 于5 蒋5 蔡5 余5 杜5 " +
    "叶5 程5 苏5 魏5 吕5 丁5 任5 沈4 姚4 卢4 姜4 崔4 钟4 谭4 陆4 汪4 范4 金4 石4 贾4 白4 牛3 廖3 " +
    "夏3 付3 方3 邹3 孟3 熊3 秦3 邱3 江3 尹3 薛3 闫3 段3 雷3 侯3 龙3 史3 陶2 贺2 顾2 毛2 郝2 龚2 " +
    "邵2 万2 钱2 严2 武2 戴2 孔2 汤2 火1 莫1 向1"
  )
    .split(" ")
    .map((s) => [s.slice(0, 1), Number(s.slice(1))] as const),
);

/** Given names by birth cohort: 建国 and 秀英 for the 1940s–50s, 子轩 and 欣怡 for children. */
const GIVEN: Record<"M" | "F", string[][]> = {
  M: [
    "建国 国强 国庆 建华 德明 志刚 福生 德胜 振华 永福 玉林 富贵 长春 树林 保国 文华 明德 学文 守义 国栋 有才 占山".split(
      " ",
    ),
    "建军 建平 志强 伟 勇 军 红军 卫东 晓东 立新 海涛 建新 永刚 明 斌 刚 强 华 平 志勇 建明 小平 学军 新民".split(
      " ",
    ),
    "伟 磊 涛 超 鹏 杰 浩 斌 辉 鑫 亮 波 俊杰 晓明 文博 宇航 鹏飞 志鹏 博文 思远 家豪 子健 天宇 海洋 鑫磊".split(
      " ",
    ),
    "子轩 浩然 宇轩 梓涵 一鸣 俊熙 浩宇 子墨 睿 皓轩 沐宸 宇泽 铭泽 奕辰 梓豪 晨阳 子豪 昊然 锦程 明轩 逸飞".split(
      " ",
    ),
  ],
  F: [
    "秀英 桂兰 淑珍 玉兰 凤英 秀兰 桂英 玉珍 淑英 秀珍 翠兰 兰英 桂芳 春兰 玉梅 素芬 金花 秀云 凤兰".split(
      " ",
    ),
    "丽 红 艳 敏 霞 燕 萍 芳 丽华 红梅 小红 海燕 春梅 晓燕 丽娟 玉霞 慧 静 玲 琴 秀芳 艳红 桂香".split(" "),
    "静 婷 丹 敏 娜 倩 雪 琳 晶 颖 佳 欢 晓丽 婷婷 丽娜 雪梅 佳慧 文静 梦瑶 思雨 欣 晓雪 丹丹 蕾".split(" "),
    "欣怡 梓涵 子涵 诗涵 一诺 雨桐 可馨 语嫣 思琪 佳怡 梓萱 若汐 悦 沐晴 雨欣 佳琪 晨曦 依诺 紫涵 梦琪 安琪".split(
      " ",
    ),
  ],
};

function cohort(birthYear: number): number {
  if (birthYear < 1960) return 0;
  if (birthYear < 1980) return 1;
  if (birthYear < 2005) return 2;
  return 3;
}

export function pickSurname(rng: SeededRandom): string {
  return rng.weighted(SURNAMES);
}

/**
 * A given name of the person's cohort: half straight from the list, half recombined from two
 * names of it (first character of one, last of another), so the demo is not full of twins.
 */
export function pickGivenName(rng: SeededRandom, sex: "M" | "F", birthYear: number): string {
  const pool = GIVEN[sex][cohort(birthYear)] as string[];
  const name = rng.pick(pool);
  if (rng.chance(0.5)) return name;
  const other = rng.pick(pool);
  const mixed = `${name.slice(0, 1)}${other.slice(-1)}`;
  return mixed.length === 2 && mixed[0] !== mixed[1] ? mixed : name;
}
