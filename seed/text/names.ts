/**
 * Word pools for fictional people, companies and places. Romanisations sit beside the
 * characters so English-language profiles need no pinyin library at generation time, which
 * keeps the load generator fast.
 */

/** Common surnames with pinyin. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['梁', 'Liang'],
  ['谢', 'Xie'],
  ['宋', 'Song'],
  ['唐', 'Tang'],
  ['许', 'Xu'],
  ['邓', 'Deng'],
  ['冯', 'Feng'],
  ['韩', 'Han'],
  ['曹', 'Cao'],
  ['曾', 'Zeng'],
  ['彭', 'Peng'],
  ['萧', 'Xiao'],
  ['蔡', 'Cai'],
  ['潘', 'Pan'],
  ['田', 'Tian'],
  ['董', 'Dong'],
  ['袁', 'Yuan'],
  ['叶', 'Ye'],
  ['卢', 'Lu'],
  ['谭', 'Tan'],
  ['苏', 'Su'],
  ['钟', 'Zhong'],
  ['区', 'Ou'],
  ['麦', 'Mai'],
  ['冼', 'Xian'],
  ['岑', 'Cen'],
  ['伍', 'Wu'],
  ['简', 'Jian'],
  ['温', 'Wen'],
  ['欧阳', 'Ouyang'],
];

/** Given-name characters with pinyin; names are one or two of these. */
export const GIVEN: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['婷', 'ting'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['文', 'wen'],
  ['华', 'hua'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['志', 'zhi'],
  ['宏', 'hong'],
  ['嘉', 'jia'],
  ['欣', 'xin'],
  ['怡', 'yi'],
  ['俊', 'jun'],
  ['浩', 'hao'],
  ['宇', 'yu'],
  ['晨', 'chen'],
  ['思', 'si'],
  ['颖', 'ying'],
  ['锦', 'jin'],
  ['泽', 'ze'],
  ['梓', 'zi'],
  ['铭', 'ming'],
  ['雅', 'ya'],
  ['琳', 'lin'],
  ['晓', 'xiao'],
  ['海', 'hai'],
  ['峰', 'feng'],
  ['斌', 'bin'],
  ['瑜', 'yu'],
  ['慧', 'hui'],
  ['蕾', 'lei'],
  ['健', 'jian'],
  ['卓', 'zhuo'],
  ['倩', 'qian'],
  ['凯', 'kai'],
  ['韵', 'yun'],
  ['翰', 'han'],
  ['耀', 'yao'],
  ['荣', 'rong'],
  ['珊', 'shan'],
  ['柏', 'bai'],
  ['然', 'ran'],
  ['立', 'li'],
];

/**
 * Invented brand syllables for company and institute names. Characters of well-known Foshan
 * and national brands are left out so a random pair is unlikely to spell a real company.
 */
export const BRAND_SYLLABLES: readonly (readonly [string, string])[] = [
  ['澜', 'Lan'],
  ['悦', 'Yue'],
  ['铂', 'Bo'],
  ['汇', 'Hui'],
  ['拓', 'Tuo'],
  ['川', 'Chuan'],
  ['岳', 'Yue'],
  ['翔', 'Xiang'],
  ['禾', 'He'],
  ['森', 'Sen'],
  ['瑞', 'Rui'],
  ['朗', 'Lang'],
  ['晟', 'Sheng'],
  ['骏', 'Jun'],
  ['域', 'Yu'],
  ['昊', 'Hao'],
  ['霖', 'Lin'],
  ['沐', 'Mu'],
  ['衡', 'Heng'],
  ['钧', 'Jun'],
  ['辰', 'Chen'],
  ['启', 'Qi'],
  ['曜', 'Yao'],
  ['岚', 'Lan'],
  ['祺', 'Qi'],
  ['逸', 'Yi'],
  ['璟', 'Jing'],
  ['湃', 'Pai'],
  ['鸿', 'Hong'],
  ['珩', 'Heng'],
  ['棠', 'Tang'],
  ['溪', 'Xi'],
  ['砺', 'Li'],
  ['峦', 'Luan'],
  ['筑', 'Zhu'],
  ['锐', 'Rui'],
  ['澄', 'Cheng'],
  ['熠', 'Yi'],
  ['皓', 'Hao'],
  ['骐', 'Qi'],
  ['桐', 'Tong'],
  ['钛', 'Tai'],
];

/** Real brands (and their distinctive characters) a generated name must never spell. */
export const FORBIDDEN_BRANDS: readonly string[] = [
  '美的',
  '格兰仕',
  '海天',
  '万家乐',
  '科龙',
  '容声',
  '东鹏',
  '箭牌',
  '坚美',
  '兴发',
  '伊之密',
  '健力宝',
  '碧桂园',
  '海信',
  '格力',
  '方太',
  '华为',
  '比亚迪',
  '宁德',
  '蒙娜丽莎',
  '新明珠',
  '联塑',
  '志高',
  '顺威',
  '启辰',
];

export interface District {
  name: string;
  nameEn: string;
  /** GB/T 2260 county-level code, used in unified social credit codes. */
  code: string;
}

export const DISTRICTS: Record<'chancheng' | 'nanhai' | 'shunde' | 'sanshui' | 'gaoming', District> = {
  chancheng: { name: '禅城区', nameEn: 'Chancheng', code: '440604' },
  nanhai: { name: '南海区', nameEn: 'Nanhai', code: '440605' },
  shunde: { name: '顺德区', nameEn: 'Shunde', code: '440606' },
  sanshui: { name: '三水区', nameEn: 'Sanshui', code: '440607' },
  gaoming: { name: '高明区', nameEn: 'Gaoming', code: '440608' },
};
export type DistrictKey = keyof typeof DISTRICTS;

/** Where each chain's enterprises mostly sit, weighted; follows the public clustering named in the chain descriptions. */
export const CHAIN_DISTRICTS: Record<string, readonly (readonly [DistrictKey, number])[]> = {
  'smart-home': [
    ['shunde', 6],
    ['nanhai', 2],
    ['chancheng', 1],
    ['gaoming', 1],
  ],
  robotics: [
    ['shunde', 5],
    ['nanhai', 4],
    ['chancheng', 1],
  ],
  nev: [
    ['nanhai', 5],
    ['shunde', 2],
    ['gaoming', 2],
    ['sanshui', 1],
  ],
  'new-materials': [
    ['nanhai', 5],
    ['chancheng', 3],
    ['sanshui', 1],
    ['gaoming', 1],
  ],
  'ceramics-home': [
    ['chancheng', 4],
    ['nanhai', 3],
    ['shunde', 3],
  ],
  electronics: [
    ['nanhai', 3],
    ['chancheng', 3],
    ['shunde', 3],
  ],
  biomedicine: [
    ['nanhai', 4],
    ['chancheng', 3],
    ['shunde', 1],
    ['gaoming', 1],
  ],
  food: [
    ['gaoming', 3],
    ['sanshui', 3],
    ['shunde', 2],
    ['nanhai', 1],
  ],
};

export interface CityInfo {
  zh: string;
  en: string;
  abroad: boolean;
}

/** Talent cities with weights: mostly Foshan, then the Greater Bay Area, some elsewhere, a few abroad. */
export const TALENT_CITIES: readonly (readonly [CityInfo, number])[] = [
  [{ zh: '佛山', en: 'Foshan', abroad: false }, 55],
  [{ zh: '广州', en: 'Guangzhou', abroad: false }, 14],
  [{ zh: '深圳', en: 'Shenzhen', abroad: false }, 9],
  [{ zh: '东莞', en: 'Dongguan', abroad: false }, 4],
  [{ zh: '珠海', en: 'Zhuhai', abroad: false }, 2],
  [{ zh: '香港', en: 'Hong Kong', abroad: false }, 2],
  [{ zh: '上海', en: 'Shanghai', abroad: false }, 3],
  [{ zh: '北京', en: 'Beijing', abroad: false }, 2],
  [{ zh: '武汉', en: 'Wuhan', abroad: false }, 1],
  [{ zh: '西安', en: "Xi'an", abroad: false }, 1],
  [{ zh: '长沙', en: 'Changsha', abroad: false }, 1],
  [{ zh: '合肥', en: 'Hefei', abroad: false }, 1],
  [{ zh: '慕尼黑', en: 'Munich', abroad: true }, 1],
  [{ zh: '新加坡', en: 'Singapore', abroad: true }, 1],
  [{ zh: '东京', en: 'Tokyo', abroad: true }, 1],
  [{ zh: '圣何塞', en: 'San Jose', abroad: true }, 1],
];

export const INSTITUTE_CITIES: readonly (readonly [string, number])[] = [
  ['佛山', 12],
  ['广州', 4],
  ['深圳', 2],
  ['东莞', 1],
  ['香港', 1],
];

/** Titles by seniority band, zh and en, for talents. */
export const TITLES: readonly (readonly [string, string])[] = [
  ['高级工程师', 'Senior Engineer'],
  ['正高级工程师', 'Professor-level Senior Engineer'],
  ['工程师', 'Engineer'],
  ['教授', 'Professor'],
  ['副教授', 'Associate Professor'],
  ['研究员', 'Research Fellow'],
  ['副研究员', 'Associate Research Fellow'],
  ['技术总监', 'Technical Director'],
  ['研发经理', 'R&D Manager'],
  ['首席工程师', 'Chief Engineer'],
  ['高级技师', 'Senior Technician'],
  ['博士后', 'Postdoctoral Researcher'],
  ['工艺主管', 'Process Lead'],
  ['质量经理', 'Quality Manager'],
  ['产品总监', 'Product Director'],
];

/** Enterprise name suffixes by chain (zh, en). */
export const ENTERPRISE_SUFFIX: Record<string, readonly (readonly [string, string])[]> = {
  'smart-home': [
    ['电器有限公司', 'Electric Appliance Co., Ltd.'],
    ['家电科技有限公司', 'Home Appliance Technology Co., Ltd.'],
    ['电机有限公司', 'Motor Co., Ltd.'],
    ['智能科技有限公司', 'Smart Technology Co., Ltd.'],
  ],
  robotics: [
    ['机器人有限公司', 'Robotics Co., Ltd.'],
    ['智能装备有限公司', 'Intelligent Equipment Co., Ltd.'],
    ['精密机械有限公司', 'Precision Machinery Co., Ltd.'],
    ['自动化科技有限公司', 'Automation Technology Co., Ltd.'],
  ],
  nev: [
    ['新能源科技有限公司', 'New Energy Technology Co., Ltd.'],
    ['汽车部件有限公司', 'Auto Parts Co., Ltd.'],
    ['氢能科技有限公司', 'Hydrogen Technology Co., Ltd.'],
    ['动力科技有限公司', 'Power Technology Co., Ltd.'],
  ],
  'new-materials': [
    ['铝业有限公司', 'Aluminium Co., Ltd.'],
    ['新材料有限公司', 'New Materials Co., Ltd.'],
    ['精密陶瓷有限公司', 'Precision Ceramics Co., Ltd.'],
    ['表面处理有限公司', 'Surface Finishing Co., Ltd.'],
  ],
  'ceramics-home': [
    ['陶瓷有限公司', 'Ceramics Co., Ltd.'],
    ['家居有限公司', 'Home Furnishing Co., Ltd.'],
    ['卫浴有限公司', 'Sanitary Ware Co., Ltd.'],
    ['家具有限公司', 'Furniture Co., Ltd.'],
  ],
  electronics: [
    ['电子有限公司', 'Electronics Co., Ltd.'],
    ['光电科技有限公司', 'Optoelectronics Co., Ltd.'],
    ['半导体有限公司', 'Semiconductor Co., Ltd.'],
    ['软件有限公司', 'Software Co., Ltd.'],
  ],
  biomedicine: [
    ['药业有限公司', 'Pharmaceutical Co., Ltd.'],
    ['医疗器械有限公司', 'Medical Devices Co., Ltd.'],
    ['生物科技有限公司', 'Biotechnology Co., Ltd.'],
    ['健康产业有限公司', 'Health Industry Co., Ltd.'],
  ],
  food: [
    ['食品有限公司', 'Food Co., Ltd.'],
    ['调味食品有限公司', 'Condiments Co., Ltd.'],
    ['饮料有限公司', 'Beverage Co., Ltd.'],
    ['食品机械有限公司', 'Food Machinery Co., Ltd.'],
  ],
};
