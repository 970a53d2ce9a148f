import type { z } from 'zod';
import type { ChainInput as ChainInputSchema, GapInput, ChainNodeInput } from '../../server/domain/schemas.js';

/**
 * The register (底册) of Foshan's eight key chains used by the demo. Chain codes and node ids
 * are fixed by `chain-outline.json`, which the lexicon and the eval set also read.
 *
 * Descriptions state only widely published facts about where an industry sits in Foshan; they
 * carry no statistics on purpose, because invented figures would be mistaken for real ones.
 * Gaps are illustrative of the kinds of weaknesses chain teams report, not an official list.
 * Industry codes are GB/T 4754-2017; where the 4-digit class was ambiguous the group or division is used.
 */
export type ChainSeed = z.input<typeof ChainInputSchema>;
export type NodeSeed = z.input<typeof ChainNodeInput>;
type GapSeed = z.input<typeof GapInput>;
type Stage = NodeSeed['stage'];

const gap = (
  id: string,
  kind: GapSeed['kind'],
  title: string,
  severity: number,
  description: string,
  status: GapSeed['status'] = 'open',
): GapSeed => ({ id, kind, title, severity, description, status });

interface NodeSpec {
  code: string;
  name: string;
  nameEn: string;
  stage: Stage;
  industryCodes: string[];
  description: string;
  keywords: string[];
  gaps: GapSeed[];
}

/** Order follows the listing, which runs upstream → downstream, so it is derived rather than typed by hand. */
const nodes = (chain: string, specs: NodeSpec[]): NodeSeed[] =>
  specs.map((s, i) => ({
    id: `${chain}.${s.code}`,
    name: s.name,
    nameEn: s.nameEn,
    stage: s.stage,
    order: (i + 1) * 10,
    industryCodes: s.industryCodes,
    description: s.description,
    keywords: s.keywords,
    gaps: s.gaps,
  }));

const links = (chain: string, pairs: [string, string, string?][]): NonNullable<ChainSeed['links']> =>
  pairs.map(([from, to, note]) => ({
    from: `${chain}.${from}`,
    to: `${chain}.${to}`,
    ...(note === undefined ? {} : { note }),
  }));

const CHIEF = '市领导（链长），市工业和信息化局牵头组建链长工作团队';

export const CHAINS: ChainSeed[] = [
  // ---------------------------------------------------------------- smart home appliances
  {
    code: 'smart-home',
    name: '智能家电',
    nameEn: 'Smart home appliances',
    chief: CHIEF,
    industryCodes: ['C385', 'C3851', 'C3852', 'C3854', 'C3855', 'C3856', 'C3861'],
    description:
      '智能家电是佛山的国家级先进制造业集群之一，顺德北滘、容桂及南海等地形成了空调、冰箱、厨房电器和小家电的完整配套，链上有多家全国性家电龙头。' +
      '短板集中在压缩机与变频驱动的核心器件、主控芯片与功率器件的国产替代、低GWP制冷剂应用，以及家电产品的智能互联和回收再利用。',
    nodes: nodes('smart-home', [
      {
        code: 'compressor',
        name: '压缩机',
        nameEn: 'Compressors',
        stage: 'upstream',
        industryCodes: ['C344', 'C3857'],
        description: '空调、冰箱用转子式与涡旋式压缩机，以及泵体精密加工和低噪声设计。',
        keywords: ['压缩机', 'compressor', '转子压缩机', '涡旋压缩机', 'rotary compressor', 'scroll', '泵体', '曲轴', '排气噪声', '能效', 'COP', '变频压缩机', '油循环率'],
        gaps: [
          gap('low-noise-rotary', 'technology', '低频运行噪声与振动控制', 4, '变频压缩机在低频段的气流脉动和电磁噪声抑制能力不足，整机NVH投诉集中。'),
          gap('scroll-precision', 'supplier', '涡旋盘精密加工配套不足', 3, '商用涡旋压缩机的涡旋盘型线加工和检测依赖外地供应商。', 'in_progress'),
        ],
      },
      {
        code: 'motor-drive',
        name: '电机与变频驱动',
        nameEn: 'Motors and inverter drives',
        stage: 'upstream',
        industryCodes: ['C381', 'C3813'],
        description: '直流无刷电机、永磁同步电机及其变频控制器，覆盖空调、洗衣机、风扇与厨电。',
        keywords: ['电机', 'BLDC', '无刷直流电机', 'PMSM', '永磁同步电机', 'FOC', '矢量控制', '变频驱动', 'inverter', '无位置传感器', 'sensorless', '弱磁控制', '电机效率', 'EMC'],
        gaps: [
          gap('sensorless-lowspeed', 'technology', '无位置传感器低速控制算法', 4, '低速启动抖动与转矩脉动影响静音表现，算法人才稀缺。'),
          gap('motor-algorithm-talent', 'talent', '电机控制算法工程师紧缺', 4, '既懂电机本体又懂嵌入式控制的复合型工程师招聘周期长。'),
        ],
      },
      {
        code: 'control-chip',
        name: '电控与芯片模组',
        nameEn: 'Controllers and chip modules',
        stage: 'upstream',
        industryCodes: ['C3973', 'C3982', 'I652'],
        description: '家电主控板、MCU、功率模块（IPM）与Wi-Fi/蓝牙模组，是国产替代的重点环节。',
        keywords: ['MCU', '主控板', '电控', 'IPM', '功率模块', 'IGBT', '国产替代', 'Wi-Fi模组', '蓝牙模组', 'PCBA', '嵌入式软件', 'RTOS', '芯片选型', 'EMC整改'],
        gaps: [
          gap('mcu-substitution', 'technology', '家电主控MCU国产替代验证', 5, '替代芯片的长期可靠性验证和软件移植缺少系统方法。'),
          gap('ipm-packaging', 'supplier', '变频IPM模块本地封测配套', 4, '变频功率模块主要依赖外购，本地缺少封测与失效分析能力。'),
          gap('emc-lab', 'platform', 'EMC预兼容测试平台', 3, '中小电控企业缺少可共享的EMC预兼容测试条件。', 'closed'),
        ],
      },
      {
        code: 'heat-exchange',
        name: '换热器与制冷剂',
        nameEn: 'Heat exchangers and refrigerants',
        stage: 'upstream',
        industryCodes: ['C3464', 'C2614'],
        description: '翅片管换热器、微通道换热器，以及R32、R290等低GWP制冷剂的系统适配。',
        keywords: ['换热器', 'heat exchanger', '微通道', 'microchannel', '翅片', '铜管', '铝管', '制冷剂', 'R32', 'R290', '低GWP', '充注量', '钎焊', '泄漏检测'],
        gaps: [
          gap('r290-safety', 'technology', 'R290可燃制冷剂安全设计', 5, '小充注量系统设计、泄漏检测与防爆电控是出口产品的关键门槛。'),
          gap('microchannel-brazing', 'technology', '微通道换热器钎焊良率', 3, '铝制微通道钎焊泄漏率偏高，缺少过程监测手段。', 'in_progress'),
        ],
      },
      {
        code: 'parts-molding',
        name: '注塑与钣金结构件',
        nameEn: 'Injection-moulded and sheet-metal parts',
        stage: 'upstream',
        industryCodes: ['C2929', 'C3525', 'C33'],
        description: '家电外壳、面板与内胆的注塑、钣金冲压和模具配套。',
        keywords: ['注塑', 'injection molding', '模具', 'mould', '钣金', '冲压', '外观件', '缩痕', '熔接线', '免喷涂', '模流分析', 'Moldflow', '高光注塑', '公差'],
        gaps: [
          gap('spray-free-material', 'technology', '免喷涂材料外观一致性', 3, '免喷涂材料的流痕和熔接线问题影响外观件良率。'),
          gap('mould-talent', 'talent', '高端模具设计人才', 3, '精密模具和模流分析工程师流向外地，本地培养不足。'),
        ],
      },
      {
        code: 'air-conditioner',
        name: '空调整机',
        nameEn: 'Air conditioners',
        stage: 'midstream',
        industryCodes: ['C3852'],
        description: '家用与商用空调、热泵整机的设计、制造与测试。',
        keywords: ['空调', 'air conditioner', '热泵', 'heat pump', '变频空调', '多联机', 'VRF', '能效', 'APF', '噪声', 'NVH', '除霜', '舒适性', '焓差实验室'],
        gaps: [
          gap('nvh-low-frequency', 'technology', '变频空调低频噪声与管路振动', 4, '用户投诉集中在低频嗡嗡声和管路共振，仿真与测试协同不足。'),
          gap('heat-pump-cold', 'technology', '低温热泵制热衰减', 4, '北方及海外寒冷市场要求低温工况制热能力。'),
        ],
      },
      {
        code: 'refrigeration',
        name: '冰箱冷柜',
        nameEn: 'Refrigerators and freezers',
        stage: 'midstream',
        industryCodes: ['C3851'],
        description: '冰箱、冷柜与商用展示柜，涉及保鲜技术、发泡工艺和能效提升。',
        keywords: ['冰箱', 'refrigerator', '冷柜', 'freezer', '保鲜', '真空绝热板', 'VIP', '发泡', '聚氨酯', '风冷', '直冷', '结霜', '能效等级', '异味'],
        gaps: [
          gap('vip-supply', 'supplier', '真空绝热板本地供应', 3, '高性能真空绝热板依赖外地采购，交期长。'),
          gap('fresh-keeping', 'technology', '精准控温与保鲜技术', 3, '果蔬保鲜、控湿等卖点缺少可量化的验证方法。'),
        ],
      },
      {
        code: 'kitchen',
        name: '厨房电器',
        nameEn: 'Kitchen appliances',
        stage: 'midstream',
        industryCodes: ['C3854', 'C3861'],
        description: '燃气灶、热水器、油烟机、洗碗机、微波炉与蒸烤一体机，顺德容桂等地配套集中。',
        keywords: ['厨电', 'kitchen appliance', '燃气灶', '热水器', '油烟机', '洗碗机', '微波炉', '蒸烤箱', '燃烧', '热效率', 'CO排放', '磁控管', '风道', '噪声'],
        gaps: [
          gap('low-nox-burner', 'technology', '低氮燃烧与热效率提升', 4, '燃气热水器低氮燃烧和冷凝换热的设计能力不足。'),
          gap('dishwasher-test', 'platform', '洗碗机洗净性能测试平台', 2, '洗净、干燥性能测试需送外地机构，周期长。', 'in_progress'),
        ],
      },
      {
        code: 'small-appliance',
        name: '小家电',
        nameEn: 'Small appliances',
        stage: 'midstream',
        industryCodes: ['C3855', 'C3856', 'C3859'],
        description: '电饭煲、破壁机、空气炸锅、吸尘器、个护电器等，产品迭代快、品类多。',
        keywords: ['小家电', 'small appliance', '电饭煲', 'IH加热', '破壁机', '空气炸锅', '吸尘器', '个护电器', '工业设计', 'ID设计', '跨境电商', '锂电池', '快充', '认证'],
        gaps: [
          gap('id-design', 'talent', '工业设计与用户研究人才', 3, '产品同质化严重，缺少懂用户研究的工业设计团队。'),
          gap('overseas-cert', 'platform', '出口认证一站式服务', 2, 'CE、UL、CB等认证资料准备和测试分散。', 'closed'),
        ],
      },
      {
        code: 'iot-platform',
        name: '智能家居物联网平台',
        nameEn: 'Smart-home IoT platforms',
        stage: 'downstream',
        industryCodes: ['I6532', 'I6513'],
        description: '家电联网、App、云平台与跨品牌互联互通协议，如Matter。',
        keywords: ['物联网', 'IoT', '智能家居', 'smart home', 'Matter', '云平台', 'App', 'OTA', '配网', '互联互通', '语音控制', '数据安全', '边缘计算', '用户画像'],
        gaps: [
          gap('matter-interop', 'technology', '跨品牌互联互通协议适配', 3, 'Matter等协议的认证和多品牌联调经验不足。'),
          gap('iot-security', 'technology', '联网家电数据安全合规', 4, '出口欧盟产品需满足网络安全要求，缺少评估能力。'),
        ],
      },
      {
        code: 'service-recycling',
        name: '售后服务与回收',
        nameEn: 'After-sales service and recycling',
        stage: 'downstream',
        industryCodes: ['O81', 'C42'],
        description: '家电安装维修、远程诊断、废旧家电回收拆解与再生利用。',
        keywords: ['售后', 'after-sales', '安装维修', '远程诊断', '故障预测', '以旧换新', '回收', 'recycling', '拆解', '再生塑料', '制冷剂回收', '备件'],
        gaps: [
          gap('recycled-plastics', 'technology', '再生塑料高值化利用', 3, '拆解塑料杂质多，难以回用于家电外观件。'),
        ],
      },
    ]),
    links: links('smart-home', [
      ['compressor', 'air-conditioner'],
      ['compressor', 'refrigeration'],
      ['motor-drive', 'compressor', '变频压缩机电机'],
      ['motor-drive', 'air-conditioner'],
      ['motor-drive', 'small-appliance'],
      ['control-chip', 'motor-drive', '变频驱动板'],
      ['control-chip', 'kitchen'],
      ['control-chip', 'small-appliance'],
      ['control-chip', 'iot-platform', '联网模组'],
      ['heat-exchange', 'air-conditioner'],
      ['heat-exchange', 'refrigeration'],
      ['parts-molding', 'air-conditioner'],
      ['parts-molding', 'refrigeration'],
      ['parts-molding', 'kitchen'],
      ['parts-molding', 'small-appliance'],
      ['air-conditioner', 'iot-platform'],
      ['refrigeration', 'iot-platform'],
      ['kitchen', 'iot-platform'],
      ['small-appliance', 'iot-platform'],
      ['air-conditioner', 'service-recycling'],
      ['refrigeration', 'service-recycling'],
      ['kitchen', 'service-recycling'],
      ['iot-platform', 'service-recycling', '远程诊断数据'],
    ]),
  },

  // ---------------------------------------------------------------- equipment and robotics
  {
    code: 'robotics',
    name: '装备制造与机器人',
    nameEn: 'Equipment manufacturing and robotics',
    chief: CHIEF,
    industryCodes: ['C34', 'C35', 'C3491', 'C3421', 'C3523', 'C4011'],
    description:
      '智能装备是佛山的国家级先进制造业集群之一，顺德的机器人产业入选国家级中小企业特色产业集群，南海、顺德的注塑机、压铸机、数控机床和自动化产线企业众多，' +
      '并服务于家电、陶瓷、家具等本地制造业的“机器换人”和数字化改造。短板在精密减速器、伺服与控制器等核心部件以及工业软件。',
    nodes: nodes('robotics', [
      {
        code: 'reducer',
        name: '精密减速器',
        nameEn: 'Precision reducers',
        stage: 'upstream',
        industryCodes: ['C3453'],
        description: 'RV减速器、谐波减速器与行星减速器，决定机器人的精度和寿命。',
        keywords: ['减速器', 'reducer', 'RV减速器', '谐波减速器', 'harmonic drive', '行星减速器', '回差', 'backlash', '传动精度', '齿形', '热处理', '寿命测试', '柔轮'],
        gaps: [
          gap('rv-precision-retention', 'technology', 'RV减速器精度保持性', 5, '长期运行后回差增大，齿形设计与热处理工艺积累不足。'),
          gap('gear-grinding', 'supplier', '高精度磨齿加工配套', 4, '高精度磨齿机和齿轮检测设备依赖进口，本地加工能力有限。'),
        ],
      },
      {
        code: 'servo',
        name: '伺服电机与驱动器',
        nameEn: 'Servo motors and drives',
        stage: 'upstream',
        industryCodes: ['C3812', 'C3813'],
        description: '交流伺服电机、驱动器与编码器，用于机器人关节和数控设备。',
        keywords: ['伺服', 'servo', '伺服驱动器', '编码器', 'encoder', '绝对值编码器', '电流环', '速度环', '惯量辨识', '振动抑制', 'EtherCAT', '力矩电机', '响应带宽'],
        gaps: [
          gap('encoder-chip', 'technology', '高分辨率绝对值编码器', 4, '23位以上编码器芯片与码盘依赖进口。'),
          gap('servo-tuning', 'talent', '伺服调试与应用工程师', 3, '现场调参经验丰富的工程师不足。'),
        ],
      },
      {
        code: 'controller',
        name: '运动控制器与PLC',
        nameEn: 'Motion controllers and PLCs',
        stage: 'upstream',
        industryCodes: ['C4011'],
        description: 'PLC、运动控制卡、机器人控制器与现场总线，承担装备的“大脑”。',
        keywords: ['PLC', '运动控制器', 'motion control', '机器人控制器', 'EtherCAT', 'CODESYS', 'IEC 61131-3', '轨迹规划', '插补', '实时操作系统', '现场总线', '国产PLC', 'HMI'],
        gaps: [
          gap('domestic-plc', 'technology', '国产中大型PLC生态', 4, '中大型PLC及编程环境依赖国外品牌，替代验证少。'),
          gap('realtime-os', 'talent', '实时控制软件人才', 3, '熟悉实时系统和运动控制算法的软件工程师不足。', 'in_progress'),
        ],
      },
      {
        code: 'sensor-vision',
        name: '传感器与机器视觉',
        nameEn: 'Sensors and machine vision',
        stage: 'upstream',
        industryCodes: ['C3983', 'C401'],
        description: '工业相机、3D视觉、力传感器与视觉检测算法，用于定位、引导与缺陷检测。',
        keywords: ['机器视觉', 'machine vision', '工业相机', '3D视觉', '结构光', '缺陷检测', 'defect detection', '深度学习', '视觉定位', '手眼标定', '力传感器', '六维力', 'AOI', 'OCR'],
        gaps: [
          gap('defect-small-sample', 'technology', '小样本缺陷检测算法', 4, '陶瓷、五金等行业缺陷样本少、种类多，通用算法漏检率高。'),
          gap('six-axis-force', 'supplier', '六维力传感器本地配套', 3, '打磨、装配机器人所需力传感器依赖进口。'),
        ],
      },
      {
        code: 'industrial-robot',
        name: '工业机器人本体',
        nameEn: 'Industrial robot arms',
        stage: 'midstream',
        industryCodes: ['C3491'],
        description: '多关节、SCARA、协作机器人与专用机器人本体的设计制造。',
        keywords: ['工业机器人', 'industrial robot', '六轴机器人', 'SCARA', '协作机器人', 'cobot', '重复定位精度', '负载', '动力学', '离线编程', '打磨机器人', '码垛', '焊接机器人'],
        gaps: [
          gap('dynamics-identification', 'technology', '机器人动力学参数辨识与补偿', 4, '高速运行下轨迹精度不足，缺少动力学建模能力。'),
          gap('robot-reliability', 'platform', '机器人可靠性测试平台', 3, '整机寿命和可靠性试验条件不足。'),
        ],
      },
      {
        code: 'cnc-machine',
        name: '数控机床',
        nameEn: 'CNC machine tools',
        stage: 'midstream',
        industryCodes: ['C3421', 'C3425'],
        description: '加工中心、数控车床、木工与石材加工机床，以及数控系统和功能部件。',
        keywords: ['数控机床', 'CNC', '加工中心', '五轴', '数控系统', '主轴', '热变形', '精度补偿', '刀具', '木工机械', '钻攻中心', '滚珠丝杠'],
        gaps: [
          gap('thermal-compensation', 'technology', '机床热误差补偿', 3, '长时间加工热变形导致尺寸漂移。'),
          gap('five-axis-cnc', 'technology', '五轴数控系统自主化', 5, '五轴联动数控系统依赖进口。'),
        ],
      },
      {
        code: 'injection-machine',
        name: '注塑机与压铸装备',
        nameEn: 'Injection moulding and die-casting machines',
        stage: 'midstream',
        industryCodes: ['C3523', 'C3423'],
        description: '全电动与液压注塑机、大型压铸机及其周边自动化，服务家电与汽车零部件。',
        keywords: ['注塑机', 'injection machine', '全电动注塑机', '压铸机', 'die casting', '一体化压铸', '锁模力', '液压系统', '节能', '射出控制', '模温机', '工艺参数'],
        gaps: [
          gap('giga-casting', 'technology', '超大型一体化压铸工艺', 4, '大型压铸件的模具温控与真空工艺经验不足。'),
          gap('all-electric', 'supplier', '全电动注塑机核心部件', 3, '大功率伺服与精密滚珠丝杠依赖进口。'),
        ],
      },
      {
        code: 'integration',
        name: '系统集成与自动化产线',
        nameEn: 'System integration and automated lines',
        stage: 'downstream',
        industryCodes: ['C3499', 'I6531'],
        description: '面向家电、陶瓷、家具、五金行业的自动化产线与机器人工作站集成。',
        keywords: ['系统集成', 'system integration', '自动化产线', '非标自动化', '机器人工作站', '节拍', '上下料', 'AGV', 'AMR', '数字孪生', '虚拟调试', 'PLC编程', 'OEE'],
        gaps: [
          gap('virtual-commissioning', 'technology', '产线数字孪生与虚拟调试', 3, '非标产线调试周期长，缺少虚拟调试能力。'),
          gap('integration-engineers', 'talent', '懂工艺的集成工程师', 4, '陶瓷、家具等传统行业工艺理解不足导致方案落地难。'),
        ],
      },
      {
        code: 'smart-factory',
        name: '智能工厂与工业软件应用',
        nameEn: 'Smart factories and industrial software',
        stage: 'downstream',
        industryCodes: ['I6513', 'I6531'],
        description: 'MES、APS、设备联网与数据分析在本地制造企业的应用与数字化转型。',
        keywords: ['智能工厂', 'smart factory', 'MES', 'APS', '数字化转型', '设备联网', '工业互联网', '数据采集', 'OEE', '预测性维护', '排产', '看板', 'SCADA'],
        gaps: [
          gap('sme-digital', 'platform', '中小企业数字化转型服务', 3, '中小企业缺少低成本、可复制的数字化方案。', 'in_progress'),
          gap('predictive-maintenance', 'technology', '设备预测性维护', 3, '设备故障数据积累少，模型难以落地。'),
        ],
      },
    ]),
    links: links('robotics', [
      ['reducer', 'industrial-robot', '关节减速'],
      ['servo', 'industrial-robot'],
      ['servo', 'cnc-machine'],
      ['servo', 'injection-machine', '伺服节能'],
      ['controller', 'industrial-robot'],
      ['controller', 'cnc-machine'],
      ['controller', 'injection-machine'],
      ['controller', 'integration'],
      ['sensor-vision', 'industrial-robot'],
      ['sensor-vision', 'integration', '视觉引导与检测'],
      ['industrial-robot', 'integration'],
      ['cnc-machine', 'integration'],
      ['injection-machine', 'integration'],
      ['integration', 'smart-factory'],
      ['cnc-machine', 'smart-factory'],
    ]),
  },

  // ---------------------------------------------------------------- new-energy vehicles
  {
    code: 'nev',
    name: '新能源汽车及零部件',
    nameEn: 'New-energy vehicles and parts',
    chief: CHIEF,
    industryCodes: ['C3612', 'C3670', 'C3841', 'C3849'],
    description:
      '佛山南海有整车制造基地，汽车零部件企业分布在南海、顺德、高明等地；南海丹灶一带布局氢能产业，氢能入选国家级中小企业特色产业集群，佛山也较早在公交领域推广氢燃料电池汽车。' +
      '短板包括动力电池材料与电芯、电驱与功率器件、车规级芯片和汽车电子，以及加氢站等基础设施。',
    nodes: nodes('nev', [
      {
        code: 'battery-materials',
        name: '电池材料',
        nameEn: 'Battery materials',
        stage: 'upstream',
        industryCodes: ['C26', 'C3985'],
        description: '正负极材料、电解液、隔膜及铝塑膜、集流体等关键材料。',
        keywords: ['电池材料', 'cathode', 'anode', '正极材料', '负极材料', '磷酸铁锂', 'LFP', '三元', 'NCM', '电解液', '隔膜', '硅碳负极', '固态电解质', '铝塑膜'],
        gaps: [
          gap('solid-electrolyte', 'technology', '固态电解质材料', 5, '硫化物与氧化物固态电解质的制备和界面稳定性研究起步晚。'),
          gap('si-anode', 'technology', '硅碳负极膨胀控制', 4, '硅基负极循环膨胀导致寿命下降。'),
        ],
      },
      {
        code: 'battery-cell',
        name: '动力电芯',
        nameEn: 'Traction battery cells',
        stage: 'upstream',
        industryCodes: ['C3841'],
        description: '方形、软包、圆柱动力电芯的设计与制造，关注能量密度、快充和安全。',
        keywords: ['动力电池', 'traction battery', '电芯', 'cell', '快充', '能量密度', '热失控', 'thermal runaway', '叠片', '卷绕', '化成', '分容', '析锂', '循环寿命'],
        gaps: [
          gap('fast-charge-plating', 'technology', '大倍率快充析锂抑制', 4, '快充工况析锂导致容量衰减和安全风险。'),
          gap('cell-process-talent', 'talent', '电芯工艺工程师', 3, '涂布、化成工艺经验丰富的工程师紧缺。'),
        ],
      },
      {
        code: 'bms-pack',
        name: '电池包与BMS',
        nameEn: 'Battery packs and BMS',
        stage: 'midstream',
        industryCodes: ['C3841', 'C3670'],
        description: '电池包结构、热管理与电池管理系统（BMS），包括SOC/SOH估算和功能安全。',
        keywords: ['BMS', '电池管理系统', 'battery management', '电池包', 'PACK', 'SOC估算', 'SOH', '均衡', '热管理', '液冷板', 'CTP', 'ISO 26262', '功能安全', 'AFE'],
        gaps: [
          gap('soc-accuracy', 'technology', '全工况SOC/SOH估算精度', 4, '低温和老化后SOC估算误差大，影响续航显示。'),
          gap('functional-safety', 'talent', '功能安全（ISO 26262）工程师', 4, '具备ASIL等级开发经验的工程师少。'),
          gap('afe-chip', 'supplier', 'BMS采样AFE芯片', 4, '车规AFE芯片国产化程度低。', 'in_progress'),
        ],
      },
      {
        code: 'e-drive',
        name: '电驱动系统',
        nameEn: 'Electric drive systems',
        stage: 'midstream',
        industryCodes: ['C3670', 'C3812'],
        description: '驱动电机、电机控制器与减速器集成的电驱总成，涉及SiC功率器件和NVH。',
        keywords: ['电驱', 'e-drive', '驱动电机', '电机控制器', 'MCU', '三合一', '扁线电机', 'hairpin', 'SiC', 'IGBT', 'NVH', '油冷', '啸叫', '效率MAP'],
        gaps: [
          gap('sic-controller', 'technology', 'SiC电机控制器设计', 4, 'SiC模块驱动、EMC和散热设计经验不足。'),
          gap('e-drive-nvh', 'technology', '电驱总成啸叫抑制', 3, '齿轮啸叫和电磁噪声是整车NVH的主要投诉源。'),
        ],
      },
      {
        code: 'hydrogen',
        name: '氢燃料电池',
        nameEn: 'Hydrogen fuel cells',
        stage: 'midstream',
        industryCodes: ['C3849'],
        description: '燃料电池电堆、膜电极、双极板、空压机与氢气循环系统，南海是本地氢能产业的主要集聚区。',
        keywords: ['氢能', 'hydrogen', '燃料电池', 'fuel cell', 'PEMFC', '电堆', 'stack', '膜电极', 'MEA', '质子交换膜', '双极板', '催化剂', '铂载量', '空压机', '氢循环泵'],
        gaps: [
          gap('low-pt-catalyst', 'technology', '低铂催化剂与膜电极', 5, '降低铂载量同时保持寿命是降本关键。'),
          gap('stack-durability', 'technology', '电堆耐久性与衰减机理', 4, '车用电堆寿命与工况衰减数据积累不足。'),
          gap('hydrogen-test', 'platform', '燃料电池测试评价平台', 3, '电堆及系统测试已有平台，需扩充低温启动测试能力。', 'closed'),
        ],
      },
      {
        code: 'auto-electronics',
        name: '汽车电子',
        nameEn: 'Automotive electronics',
        stage: 'midstream',
        industryCodes: ['C3670', 'C3962'],
        description: '域控制器、车身电子、智能座舱、ADAS传感器与车规级芯片应用。',
        keywords: ['汽车电子', 'automotive electronics', '域控制器', 'ECU', 'CAN', 'CAN FD', 'AUTOSAR', 'ADAS', '毫米波雷达', '智能座舱', '车规级', 'AEC-Q100', 'OTA', 'DBC'],
        gaps: [
          gap('autosar-talent', 'talent', 'AUTOSAR软件工程师', 4, '本地缺少AUTOSAR架构与基础软件开发人才。'),
          gap('aec-q-validation', 'platform', '车规级元器件验证', 3, 'AEC-Q可靠性验证依赖外地实验室。'),
        ],
      },
      {
        code: 'lightweight',
        name: '轻量化车身与底盘',
        nameEn: 'Lightweight body and chassis',
        stage: 'midstream',
        industryCodes: ['C3670', 'C3252'],
        description: '铝合金车身结构件、电池托盘、一体化压铸件与复合材料部件，可依托本地铝加工基础。',
        keywords: ['轻量化', 'lightweight', '铝合金车身', '电池托盘', '一体化压铸', '挤压型材', '搅拌摩擦焊', 'FSW', '碰撞安全', 'CAE', '拓扑优化', '免热处理铝合金'],
        gaps: [
          gap('heat-treatment-free-alloy', 'technology', '免热处理压铸铝合金', 4, '大型压铸件用免热处理合金配方与性能稳定性不足。'),
          gap('crash-cae', 'talent', '碰撞安全CAE工程师', 3, '车身碰撞仿真人才依赖外地设计公司。'),
        ],
      },
      {
        code: 'vehicle',
        name: '整车制造',
        nameEn: 'Vehicle manufacturing',
        stage: 'downstream',
        industryCodes: ['C3612', 'C3611'],
        description: '乘用车、客车和专用车整车制造及本地零部件配套。',
        keywords: ['整车', 'vehicle', '新能源汽车', 'NEV', '氢燃料电池客车', '总装', '焊装', '涂装', '本地配套率', '供应链', '质量体系', 'IATF 16949'],
        gaps: [
          gap('local-sourcing', 'supplier', '本地二三级零部件配套', 3, '整车企业二级、三级零部件本地配套率有提升空间。'),
        ],
      },
      {
        code: 'charging',
        name: '充换电与加氢设施',
        nameEn: 'Charging, swapping and hydrogen refuelling',
        stage: 'downstream',
        industryCodes: ['C382', 'D45'],
        description: '充电桩、换电站、加氢站设备与运营，包括V2G和站控系统。',
        keywords: ['充电桩', 'charging', '快充桩', '换电', 'battery swap', '加氢站', 'hydrogen refuelling', '液冷超充', 'V2G', '功率模块', 'OCPP', '站控系统'],
        gaps: [
          gap('refuelling-compressor', 'supplier', '加氢站压缩机与加注枪', 4, '加氢站核心设备国产化率低、价格高。'),
          gap('liquid-cooled-charger', 'technology', '液冷超充散热设计', 3, '大电流超充枪线散热与可靠性问题。'),
        ],
      },
    ]),
    links: links('nev', [
      ['battery-materials', 'battery-cell'],
      ['battery-cell', 'bms-pack'],
      ['bms-pack', 'vehicle'],
      ['e-drive', 'vehicle'],
      ['hydrogen', 'vehicle', '燃料电池客车与物流车'],
      ['auto-electronics', 'bms-pack', 'BMS主板与AFE'],
      ['auto-electronics', 'e-drive', '电机控制器'],
      ['auto-electronics', 'vehicle'],
      ['lightweight', 'bms-pack', '电池托盘'],
      ['lightweight', 'vehicle'],
      ['bms-pack', 'charging', '充电协议'],
      ['hydrogen', 'charging', '加氢'],
    ]),
  },

  // ---------------------------------------------------------------- new materials
  {
    code: 'new-materials',
    name: '新材料（铝型材与先进陶瓷）',
    nameEn: 'New materials (aluminium and advanced ceramics)',
    chief: CHIEF,
    industryCodes: ['C324', 'C3252', 'C3360', 'C3073', 'C306'],
    description:
      '南海大沥是全国知名的铝型材产业基地，铝合金熔铸、挤压和表面处理企业集中；禅城、南庄一带的陶瓷产业基础为先进陶瓷提供了人才和装备积累。' +
      '短板在高端铝合金成分与工艺、表面处理的环保与一致性、电子陶瓷基板与结构陶瓷的粉体和烧结工艺，以及材料检测评价能力。',
    nodes: nodes('new-materials', [
      {
        code: 'aluminium-casting',
        name: '铝合金熔铸',
        nameEn: 'Aluminium alloy casting',
        stage: 'upstream',
        industryCodes: ['C324', 'C3216'],
        description: '铝合金圆棒熔铸、成分控制、在线除气除渣与再生铝利用。',
        keywords: ['熔铸', 'casting', '铝棒', '铝合金', '6063', '6061', '7系铝合金', '除气', '除渣', '晶粒细化', '均质化', '再生铝', 'recycled aluminium', '成分偏析'],
        gaps: [
          gap('recycled-al-quality', 'technology', '再生铝杂质控制', 4, '再生铝比例提高后铁等杂质超标，影响挤压和氧化质量。'),
          gap('high-strength-alloy', 'technology', '高强高韧铝合金成分设计', 4, '汽车和轨道交通用7系、6系高强合金研发能力不足。'),
        ],
      },
      {
        code: 'ceramic-powder',
        name: '先进陶瓷粉体',
        nameEn: 'Advanced ceramic powders',
        stage: 'upstream',
        industryCodes: ['C3073', 'C3985'],
        description: '氧化铝、氧化锆、氮化铝、氮化硅等高纯超细粉体的制备与造粒。',
        keywords: ['陶瓷粉体', 'ceramic powder', '氧化铝粉', '氧化锆', 'zirconia', '氮化铝', 'AlN', '氮化硅', 'Si3N4', '喷雾造粒', '粒径分布', '高纯', '烧结助剂', '团聚'],
        gaps: [
          gap('aln-powder', 'supplier', '高纯氮化铝粉体', 5, '高导热基板用氮化铝粉体依赖进口。'),
          gap('powder-consistency', 'technology', '粉体批次一致性', 3, '粒径分布和杂质含量批次波动大。'),
        ],
      },
      {
        code: 'aluminium-extrusion',
        name: '铝型材挤压',
        nameEn: 'Aluminium extrusion',
        stage: 'midstream',
        industryCodes: ['C3252'],
        description: '建筑、工业与汽车用铝型材挤压，涉及模具设计、挤压工艺和在线淬火。',
        keywords: ['铝型材', 'aluminium profile', '挤压', 'extrusion', '挤压模具', '分流模', '在线淬火', '时效', '尺寸精度', '工业型材', '幕墙', '成材率', '挤压速度'],
        gaps: [
          gap('die-design', 'technology', '复杂断面挤压模具设计', 3, '薄壁多腔型材模具试模次数多，缺少仿真设计能力。'),
          gap('extrusion-talent', 'talent', '挤压工艺与模具工程师', 3, '经验型技师老龄化，年轻工程师不足。'),
        ],
      },
      {
        code: 'surface-treatment',
        name: '表面处理',
        nameEn: 'Surface treatment',
        stage: 'midstream',
        industryCodes: ['C3360'],
        description: '阳极氧化、电泳、粉末喷涂、氟碳喷涂与木纹转印等铝材及五金表面处理。',
        keywords: ['阳极氧化', 'anodizing', '电泳', '粉末喷涂', 'powder coating', '氟碳喷涂', '木纹转印', '色差', '膜厚', '封孔', '无铬钝化', '废水处理', '附着力', '耐候性'],
        gaps: [
          gap('chrome-free', 'technology', '无铬前处理替代', 4, '环保要求下无铬钝化的耐蚀性与稳定性不足。'),
          gap('color-consistency', 'technology', '阳极氧化色差控制', 3, '批次间和同批次色差导致客户投诉。'),
        ],
      },
      {
        code: 'ceramic-substrate',
        name: '电子陶瓷基板',
        nameEn: 'Electronic ceramic substrates',
        stage: 'midstream',
        industryCodes: ['C3073', 'C398'],
        description: '氧化铝、氮化铝陶瓷基板及DBC/AMB覆铜基板，用于功率模块和LED封装。',
        keywords: ['陶瓷基板', 'ceramic substrate', 'DBC', 'AMB', '覆铜陶瓷', '氮化铝基板', '流延成型', 'tape casting', '金属化', '导热', '功率模块', 'LTCC', '翘曲', '热循环'],
        gaps: [
          gap('amb-substrate', 'technology', 'AMB活性金属钎焊基板', 5, 'SiC模块用氮化硅AMB基板的钎焊可靠性与国外差距大。'),
          gap('tape-casting', 'supplier', '流延成型与烧结装备', 3, '大尺寸薄片流延与共烧设备依赖进口。'),
        ],
      },
      {
        code: 'structural-ceramics',
        name: '结构陶瓷',
        nameEn: 'Structural ceramics',
        stage: 'midstream',
        industryCodes: ['C3073'],
        description: '耐磨、耐腐蚀和高温结构陶瓷部件，如陶瓷阀芯、轴承球、半导体设备部件。',
        keywords: ['结构陶瓷', 'structural ceramics', '氧化锆陶瓷', '陶瓷阀芯', '陶瓷轴承', '碳化硅陶瓷', '热等静压', 'HIP', '干压成型', '注射成型', 'CIM', '精密磨削', '断裂韧性'],
        gaps: [
          gap('cim-process', 'technology', '陶瓷注射成型脱脂开裂', 3, '复杂件脱脂烧结开裂、变形，良率低。'),
          gap('precision-grinding', 'supplier', '陶瓷精密磨削加工', 3, '高精度陶瓷零件后加工能力不足。', 'in_progress'),
        ],
      },
      {
        code: 'composites',
        name: '复合材料',
        nameEn: 'Composites',
        stage: 'midstream',
        industryCodes: ['C3062', 'C2929'],
        description: '玻纤、碳纤维增强复合材料与铝塑复合材料，用于家电、汽车与建材。',
        keywords: ['复合材料', 'composites', '碳纤维', 'CFRP', '玻纤', 'GFRP', 'SMC', '铝塑板', '模压', '树脂传递模塑', 'RTM', '层合板', '界面结合'],
        gaps: [
          gap('cf-cost', 'technology', '低成本碳纤维部件成型', 3, '碳纤维部件成本高、节拍慢，难以进入量产车型。'),
        ],
      },
      {
        code: 'material-application',
        name: '材料应用与检测',
        nameEn: 'Materials application and testing',
        stage: 'downstream',
        industryCodes: ['M7452', 'M7320'],
        description: '材料性能检测、失效分析、标准制定与下游应用验证。',
        keywords: ['材料检测', 'materials testing', '失效分析', 'failure analysis', '金相', 'SEM', 'EDS', '盐雾试验', '力学性能', '热分析', 'CNAS', '标准制定', '应用验证'],
        gaps: [
          gap('failure-analysis', 'platform', '公共失效分析平台', 3, '中小企业做失效分析需送外地，周期长、费用高。'),
          gap('standards', 'talent', '标准化与检测人才', 2, '参与行业标准制定的专业人才不足。'),
        ],
      },
    ]),
    links: links('new-materials', [
      ['aluminium-casting', 'aluminium-extrusion', '铝棒'],
      ['aluminium-extrusion', 'surface-treatment'],
      ['aluminium-extrusion', 'composites', '铝塑复合'],
      ['ceramic-powder', 'ceramic-substrate'],
      ['ceramic-powder', 'structural-ceramics'],
      ['surface-treatment', 'material-application'],
      ['ceramic-substrate', 'material-application'],
      ['structural-ceramics', 'material-application'],
      ['composites', 'material-application'],
      ['aluminium-extrusion', 'material-application'],
    ]),
  },

  // ---------------------------------------------------------------- building ceramics & home furnishing
  {
    code: 'ceramics-home',
    name: '建筑陶瓷与泛家居',
    nameEn: 'Building ceramics and home furnishing',
    chief: CHIEF,
    industryCodes: ['C3071', 'C3072', 'C21', 'C3312', 'C2032'],
    description:
      '泛家居是佛山的国家级先进制造业集群之一：禅城石湾、南庄是建筑陶瓷的传统产区，顺德龙江、乐从以家具制造和家具市场闻名，南海有门窗、卫浴和五金企业。' +
      '短板在陶瓷生产的节能降碳与窑炉装备、釉料和岩板等新品类的工艺稳定性、定制家居的柔性制造，以及设计与品牌能力。',
    nodes: nodes('ceramics-home', [
      {
        code: 'raw-glaze',
        name: '原料与釉料',
        nameEn: 'Raw materials and glazes',
        stage: 'upstream',
        industryCodes: ['B10', 'C307'],
        description: '陶瓷坯料、釉料、色料与数码喷墨墨水，决定砖面效果和缺陷率。',
        keywords: ['釉料', 'glaze', '坯料', '色料', '喷墨墨水', 'inkjet ink', '熔块', '釉面针孔', 'pinhole', '釉裂', '高岭土', '长石', '配方', '白度', '干粒'],
        gaps: [
          gap('glaze-defects', 'technology', '釉面针孔与气泡控制', 3, '原料波动和烧成制度导致釉面针孔、橘釉。'),
          gap('ink-supply', 'supplier', '高端数码喷墨墨水', 3, '特殊效果墨水仍部分依赖进口。', 'in_progress'),
        ],
      },
      {
        code: 'kiln-equipment',
        name: '窑炉与陶机装备',
        nameEn: 'Kilns and ceramic machinery',
        stage: 'upstream',
        industryCodes: ['C3515', 'C3461'],
        description: '辊道窑、压机、喷墨打印机与抛光线，关注节能降碳和燃料替代。',
        keywords: ['窑炉', 'kiln', '辊道窑', '压机', '陶瓷压机', '喷墨打印机', '抛光线', '节能', '余热回收', '氢能烧成', '燃料替代', '碳排放', 'NOx', '能耗'],
        gaps: [
          gap('kiln-decarbon', 'technology', '窑炉节能降碳与燃料替代', 5, '天然气成本和碳排放压力大，氢混烧等替代技术尚在试验。'),
          gap('kiln-combustion-talent', 'talent', '窑炉燃烧与热工人才', 3, '热工、燃烧专业人才少。'),
        ],
      },
      {
        code: 'tiles',
        name: '建筑陶瓷砖',
        nameEn: 'Ceramic tiles',
        stage: 'midstream',
        industryCodes: ['C3071'],
        description: '抛釉砖、岩板、大规格陶瓷板等建筑陶瓷产品。',
        keywords: ['瓷砖', 'ceramic tiles', '岩板', 'sintered stone', '大板', '抛釉砖', '变形', '翘曲', '色号', '吸水率', '防滑', '薄板', '建筑陶瓷', '缺陷检测'],
        gaps: [
          gap('slab-warping', 'technology', '大规格岩板变形与开裂', 4, '大板烧成变形、加工开裂率高。'),
          gap('tile-inspection', 'technology', '瓷砖表面缺陷在线检测', 3, '人工检验分级效率低、标准不一。', 'in_progress'),
        ],
      },
      {
        code: 'sanitary',
        name: '卫浴洁具',
        nameEn: 'Sanitary ware',
        stage: 'midstream',
        industryCodes: ['C3072', 'C3383'],
        description: '卫生陶瓷、智能马桶、龙头五金与淋浴系统。',
        keywords: ['卫浴', 'sanitary ware', '卫生陶瓷', '智能马桶', 'smart toilet', '高压注浆', '龙头', '五金', '铜合金', '冲水', '节水', '即热', '釉面'],
        gaps: [
          gap('pressure-casting', 'technology', '高压注浆成型良率', 3, '复杂坐便器高压注浆开裂、变形。'),
          gap('smart-toilet-control', 'talent', '智能卫浴电控人才', 2, '智能马桶即热、电控和安全设计人才依赖外地。'),
        ],
      },
      {
        code: 'furniture',
        name: '家具制造',
        nameEn: 'Furniture manufacturing',
        stage: 'midstream',
        industryCodes: ['C211', 'C213', 'C21'],
        description: '实木、板式、软体与金属家具制造，顺德龙江、乐从一带配套完整。',
        keywords: ['家具', 'furniture', '实木家具', '板式家具', '软体家具', '沙发', '五金件', '封边', '涂装', 'VOC', '甲醛', '人体工学', '环保板材', '出口'],
        gaps: [
          gap('low-voc-coating', 'technology', '低VOC涂装工艺', 4, '水性漆干燥慢、效果差，替代溶剂型涂料难。'),
          gap('furniture-design', 'talent', '原创家具设计人才', 3, '原创设计能力弱，同质化竞争。'),
        ],
      },
      {
        code: 'custom-home',
        name: '定制家居与门窗',
        nameEn: 'Custom furniture, doors and windows',
        stage: 'midstream',
        industryCodes: ['C2032', 'C3312', 'C21'],
        description: '全屋定制、橱柜衣柜、系统门窗，依赖柔性制造和拆单软件。',
        keywords: ['定制家居', 'custom furniture', '全屋定制', '拆单', '柔性生产', '系统门窗', '断桥铝', '隔热', '气密性', '水密性', 'CAD/CAM', '板材优化', '安装'],
        gaps: [
          gap('order-splitting', 'technology', '设计拆单一体化软件', 4, '设计、报价、拆单和生产数据不贯通，出错率高。'),
          gap('window-testing', 'platform', '门窗物理性能检测', 2, '门窗三性检测能力已经补齐。', 'closed'),
        ],
      },
      {
        code: 'design-decoration',
        name: '设计与整装',
        nameEn: 'Design and whole-house fit-out',
        stage: 'downstream',
        industryCodes: ['M749', 'E50'],
        description: '室内设计、整装交付、产品设计服务与数字化展示（VR样板间）。',
        keywords: ['室内设计', 'interior design', '整装', '工业设计', 'industrial design', 'VR', '3D渲染', '软装', '品牌', '用户体验', 'UI设计', '空间设计'],
        gaps: [
          gap('design-brand', 'talent', '高端设计与品牌运营人才', 3, '设计和品牌人才集中在广深，本地吸引力不足。'),
        ],
      },
      {
        code: 'exhibition-logistics',
        name: '会展与物流',
        nameEn: 'Exhibitions and logistics',
        stage: 'downstream',
        industryCodes: ['L728', 'G59'],
        description: '陶瓷、家具专业展会与专业市场，建材家居仓储物流与跨境出口。',
        keywords: ['会展', 'exhibition', '陶瓷博览会', '家具市场', '物流', 'logistics', '仓储', '跨境电商', '海外仓', '破损率', '包装', '供应链金融'],
        gaps: [
          gap('overseas-warehouse', 'platform', '海外仓与跨境服务', 3, '大件家居跨境物流成本高、破损多。'),
        ],
      },
    ]),
    links: links('ceramics-home', [
      ['raw-glaze', 'tiles'],
      ['raw-glaze', 'sanitary'],
      ['kiln-equipment', 'tiles', '烧成与压制'],
      ['kiln-equipment', 'sanitary'],
      ['tiles', 'custom-home', '岩板台面'],
      ['tiles', 'design-decoration'],
      ['sanitary', 'design-decoration'],
      ['furniture', 'design-decoration'],
      ['custom-home', 'design-decoration'],
      ['tiles', 'exhibition-logistics'],
      ['furniture', 'exhibition-logistics'],
      ['design-decoration', 'exhibition-logistics', '展厅与样板间'],
    ]),
  },

  // ---------------------------------------------------------------- electronic information
  {
    code: 'electronics',
    name: '电子信息',
    nameEn: 'Electronic information',
    chief: CHIEF,
    industryCodes: ['C39', 'C3972', 'C3974', 'C3975', 'C3982', 'I652', 'I6513'],
    description:
      '佛山电子信息产业以LED封装与照明、电子元器件、印制电路板和家电配套电子为主，分布在禅城、南海、顺德等地，为本地家电、装备和汽车产业提供配套。' +
      '短板在功率半导体与芯片设计、高端元器件、工业软件，以及与本地制造业深度结合的物联网模组和智能终端。',
    nodes: nodes('electronics', [
      {
        code: 'power-semiconductor',
        name: '功率半导体与芯片设计',
        nameEn: 'Power semiconductors and chip design',
        stage: 'upstream',
        industryCodes: ['C3972', 'C3973', 'I652'],
        description: 'IGBT、SiC MOSFET、GaN器件与功率模块封装，以及MCU、电源管理芯片设计。',
        keywords: ['功率半导体', 'power semiconductor', 'IGBT', 'SiC', 'MOSFET', 'GaN', '功率模块', '芯片设计', 'IC design', '模块封装', '键合', '烧结银', '可靠性', '车规'],
        gaps: [
          gap('sic-module-packaging', 'technology', 'SiC模块封装与可靠性', 5, '高温烧结银和铜线键合工艺不成熟。'),
          gap('ic-design-talent', 'talent', '模拟与功率芯片设计人才', 4, '芯片设计人才集中在深圳、上海，本地引进难。'),
        ],
      },
      {
        code: 'components',
        name: '电子元器件',
        nameEn: 'Electronic components',
        stage: 'upstream',
        industryCodes: ['C3981', 'C3983', 'C398'],
        description: '电容、电感、电阻、连接器、继电器与传感元件。',
        keywords: ['电子元器件', 'components', 'MLCC', '电容', '薄膜电容', '电感', '连接器', '继电器', '传感器', '压敏电阻', '可靠性', '国产替代', '失效分析'],
        gaps: [
          gap('film-capacitor', 'technology', '高压薄膜电容', 3, '新能源和变频领域高压薄膜电容寿命与体积要求高。'),
        ],
      },
      {
        code: 'pcb',
        name: '印制电路板',
        nameEn: 'Printed circuit boards',
        stage: 'upstream',
        industryCodes: ['C3982'],
        description: '多层板、HDI、金属基板与柔性板，以及SMT贴装。',
        keywords: ['PCB', '印制电路板', 'HDI', '多层板', '铝基板', '金属基板', 'FPC', 'SMT', '回流焊', '焊点空洞', '阻抗控制', '电镀', '废水'],
        gaps: [
          gap('pcb-environment', 'technology', 'PCB电镀废水资源化', 3, '环保成本高，重金属回收利用不足。'),
          gap('hdi-capability', 'supplier', 'HDI高阶板本地配套', 3, '高阶HDI订单外流。'),
        ],
      },
      {
        code: 'led-display',
        name: 'LED与新型显示',
        nameEn: 'LED and new displays',
        stage: 'midstream',
        industryCodes: ['C3975', 'C3974', 'C3976'],
        description: 'LED封装、照明、Mini/Micro LED显示与光学设计。',
        keywords: ['LED', 'LED封装', 'Mini LED', 'Micro LED', '显示屏', '照明', '光效', '显色指数', 'CRI', '光衰', '巨量转移', '光学设计', '色坐标', '荧光粉'],
        gaps: [
          gap('mass-transfer', 'technology', 'Micro LED巨量转移', 5, '巨量转移和修复技术仍在攻关。'),
          gap('led-optical', 'talent', '光学设计工程师', 2, '照明和背光光学设计人才偏少。', 'closed'),
        ],
      },
      {
        code: 'comm-module',
        name: '通信与物联网模组',
        nameEn: 'Communication and IoT modules',
        stage: 'midstream',
        industryCodes: ['C3921', 'C3922', 'I6532'],
        description: 'Wi-Fi、蓝牙、NB-IoT、Cat.1与5G模组及天线设计。',
        keywords: ['物联网模组', 'IoT module', 'Wi-Fi', 'BLE', '蓝牙', 'NB-IoT', 'Cat.1', '5G', '天线', 'antenna', '射频', 'RF', 'OTA', '低功耗', 'SAR'],
        gaps: [
          gap('rf-antenna', 'talent', '射频与天线设计人才', 3, '小型化天线与射频调试人才紧缺。'),
          gap('ota-lab', 'platform', 'OTA射频暗室', 3, '本地缺少可共享的OTA暗室测试条件。'),
        ],
      },
      {
        code: 'industrial-software',
        name: '工业软件',
        nameEn: 'Industrial software',
        stage: 'midstream',
        industryCodes: ['I6513', 'I6512'],
        description: 'CAD/CAE/CAM、MES、PLM与工业APP，国产化与行业化是重点。',
        keywords: ['工业软件', 'industrial software', 'CAD', 'CAE', 'CAM', 'PLM', 'MES', '仿真', '求解器', '低代码', '工业APP', 'SaaS', '国产化', '数据中台'],
        gaps: [
          gap('cae-solver', 'technology', '国产CAE求解器', 5, '多物理场仿真求解器依赖国外软件。'),
          gap('vertical-mes', 'technology', '行业化MES', 3, '陶瓷、家具等行业缺少贴合工艺的MES。'),
        ],
      },
      {
        code: 'smart-terminal',
        name: '智能终端',
        nameEn: 'Smart terminals',
        stage: 'downstream',
        industryCodes: ['C396', 'C3961', 'C3969'],
        description: '智能穿戴、智能音箱、消费类电子与服务机器人等终端产品。',
        keywords: ['智能终端', 'smart device', '可穿戴', 'wearable', '智能音箱', '消费电子', '锂电池', '续航', '交互设计', 'UI', '语音识别', '服务机器人', '屏幕'],
        gaps: [
          gap('hmi-design', 'talent', '交互设计与产品定义', 2, '产品定义和交互设计能力弱，多为代工。'),
          gap('low-power', 'technology', '低功耗设计与续航', 3, '穿戴产品续航短，整机功耗优化经验不足。'),
        ],
      },
    ]),
    links: links('electronics', [
      ['power-semiconductor', 'components'],
      ['power-semiconductor', 'comm-module', '射频与主控芯片'],
      ['power-semiconductor', 'led-display', '驱动IC'],
      ['components', 'pcb', '贴装物料'],
      ['pcb', 'led-display'],
      ['pcb', 'comm-module'],
      ['comm-module', 'smart-terminal'],
      ['led-display', 'smart-terminal'],
      ['industrial-software', 'smart-terminal', '嵌入式与云端软件'],
      ['pcb', 'smart-terminal'],
    ]),
  },

  // ---------------------------------------------------------------- biomedicine and health
  {
    code: 'biomedicine',
    name: '生物医药与健康',
    nameEn: 'Biomedicine and health',
    chief: CHIEF,
    industryCodes: ['C27', 'C2710', 'C2720', 'C2730', 'C2740', 'C2761', 'C358', 'M734'],
    description:
      '佛山有岭南中成药的老字号传统，南海、禅城等地有化学药、中成药和医疗器械企业，佛山国家高新区布局生物医药。' +
      '短板在创新药与生物制品研发、高端医疗器械、临床前和注册申报服务，以及中药质量标准化。',
    nodes: nodes('biomedicine', [
      {
        code: 'api-chemicals',
        name: '原料药与医药中间体',
        nameEn: 'APIs and pharmaceutical intermediates',
        stage: 'upstream',
        industryCodes: ['C2710'],
        description: '化学原料药与中间体的合成、纯化、晶型控制和绿色工艺。',
        keywords: ['原料药', 'API', '医药中间体', '合成工艺', '晶型', 'polymorph', '杂质谱', '基因毒性杂质', '连续流', 'flow chemistry', 'GMP', '工艺放大', '溶剂残留'],
        gaps: [
          gap('continuous-flow', 'technology', '连续流合成工艺', 3, '高危反应釜式工艺安全风险高，连续流改造经验不足。'),
          gap('impurity-control', 'technology', '基因毒性杂质控制', 4, '杂质研究和控制策略满足不了申报要求。'),
        ],
      },
      {
        code: 'tcm-materials',
        name: '中药材与饮片',
        nameEn: 'TCM herbs and decoction pieces',
        stage: 'upstream',
        industryCodes: ['A017', 'C2730'],
        description: '岭南道地药材种植、饮片炮制与质量追溯。',
        keywords: ['中药材', 'TCM herbs', '饮片', '炮制', '道地药材', '指纹图谱', '农残', '重金属', '追溯', '广藿香', '化橘红', '质量标准'],
        gaps: [
          gap('tcm-traceability', 'platform', '中药材质量追溯体系', 3, '药材来源和批次质量难以追溯。'),
          gap('processing-standard', 'technology', '饮片炮制工艺标准化', 3, '传统炮制经验难以量化为工艺参数。'),
        ],
      },
      {
        code: 'biologics',
        name: '生物制品',
        nameEn: 'Biologics',
        stage: 'midstream',
        industryCodes: ['C2761', 'C2762'],
        description: '抗体、重组蛋白、疫苗与细胞治疗产品的研发和生产。',
        keywords: ['生物制品', 'biologics', '单抗', 'antibody', '重组蛋白', '细胞培养', 'CHO', '纯化', '层析', '细胞治疗', 'CAR-T', '疫苗', '质量研究', '生物反应器'],
        gaps: [
          gap('cell-culture-scaleup', 'technology', '细胞培养工艺放大', 4, '从摇瓶到生物反应器放大的表达量下降。'),
          gap('bio-talent', 'talent', '生物药CMC人才', 4, '上下游工艺与质量研究人才紧缺。'),
        ],
      },
      {
        code: 'medical-devices',
        name: '医疗器械',
        nameEn: 'Medical devices',
        stage: 'midstream',
        industryCodes: ['C358'],
        description: '医用影像、康复器械、体外诊断、口腔与骨科器械等。',
        keywords: ['医疗器械', 'medical device', '体外诊断', 'IVD', '康复器械', '口腔', '骨科植入物', '注册证', 'NMPA', 'ISO 13485', '生物相容性', '软件确认', 'YY/T', '风险管理'],
        gaps: [
          gap('device-registration', 'talent', '医疗器械注册与法规人才', 3, '注册资料和临床评价经验不足，拿证周期长。'),
          gap('biocompatibility', 'platform', '生物相容性检测', 3, '生物相容性测试需送外地，排期久。'),
        ],
      },
      {
        code: 'formulation',
        name: '制剂与中成药',
        nameEn: 'Formulations and proprietary Chinese medicines',
        stage: 'midstream',
        industryCodes: ['C2720', 'C2740'],
        description: '化学药制剂、中成药及一致性评价，包括缓控释与新剂型。',
        keywords: ['制剂', 'formulation', '中成药', '一致性评价', '缓释', '控释', '溶出曲线', 'dissolution', '生物等效性', 'BE', '二次开发', '工艺验证', '丸剂'],
        gaps: [
          gap('consistency-eval', 'technology', '仿制药一致性评价', 3, '溶出曲线匹配和BE试验经验不足。', 'in_progress'),
          gap('tcm-secondary-dev', 'technology', '经典名方与中成药二次开发', 3, '中成药循证研究和质量标准提升不足。'),
        ],
      },
      {
        code: 'cro-testing',
        name: '研发外包与检测认证',
        nameEn: 'CRO and testing',
        stage: 'downstream',
        industryCodes: ['M734', 'M7452'],
        description: '药学研究、临床前评价、临床试验服务与检测认证。',
        keywords: ['CRO', 'CDMO', '临床前', 'preclinical', '药理毒理', 'GLP', '临床试验', '分析方法验证', '稳定性研究', '注册申报', 'CTD', '检测认证'],
        gaps: [
          gap('glp-platform', 'platform', 'GLP临床前评价平台', 4, '本地缺少GLP资质的临床前评价机构。'),
        ],
      },
      {
        code: 'health-services',
        name: '健康服务与康养',
        nameEn: 'Health services and elderly care',
        stage: 'downstream',
        industryCodes: ['Q84', 'Q85'],
        description: '康复、养老、健康管理与互联网医疗服务。',
        keywords: ['健康服务', 'health services', '康养', '养老', '康复', 'rehabilitation', '健康管理', '互联网医疗', '远程监护', '适老化', '慢病管理'],
        gaps: [
          gap('elderly-tech', 'technology', '适老化智能产品', 2, '适老化产品与家电、家居的结合不足。'),
        ],
      },
    ]),
    links: links('biomedicine', [
      ['api-chemicals', 'formulation'],
      ['tcm-materials', 'formulation', '中成药原料'],
      ['biologics', 'health-services'],
      ['cro-testing', 'formulation', '一致性评价与申报'],
      ['cro-testing', 'biologics'],
      ['cro-testing', 'medical-devices'],
      ['formulation', 'health-services'],
      ['medical-devices', 'health-services'],
    ]),
  },

  // ---------------------------------------------------------------- food and beverages
  {
    code: 'food',
    name: '食品饮料',
    nameEn: 'Food and beverages',
    chief: CHIEF,
    industryCodes: ['C14', 'C146', 'C1462', 'C152', 'C1495', 'C3531'],
    description:
      '佛山食品饮料产业以调味品酿造和饮料为特色：高明、三水有大型酱油与调味品生产基地，三水以饮料和啤酒企业闻名，顺德是联合国教科文组织认定的“世界美食之都”，食品机械与包装企业配套齐全。' +
      '短板在发酵菌种与风味研究、减盐减糖、食品装备智能化、冷链和快速检测。',
    nodes: nodes('food', [
      {
        code: 'agri-raw',
        name: '农产品原料',
        nameEn: 'Agricultural raw materials',
        stage: 'upstream',
        industryCodes: ['A01', 'A04', 'C13'],
        description: '大豆、小麦、果蔬、水产等原料的种植养殖、初加工与溯源。',
        keywords: ['农产品', 'raw materials', '大豆', '小麦', '果蔬', '水产', '鱼塘', '溯源', '农残', '原料标准', '基地', '初加工'],
        gaps: [
          gap('raw-traceability', 'platform', '原料溯源与质量分级', 3, '原料批次质量差异大，缺少溯源体系。'),
        ],
      },
      {
        code: 'ingredients',
        name: '食品配料与添加剂',
        nameEn: 'Food ingredients and additives',
        stage: 'upstream',
        industryCodes: ['C1495', 'C1469'],
        description: '酵母抽提物、甜味剂、香精香料、酶制剂与功能性配料。',
        keywords: ['食品配料', 'ingredients', '添加剂', '酵母抽提物', '甜味剂', '代糖', '香精香料', '酶制剂', '益生菌', '功能性配料', '清洁标签', 'clean label', '减盐'],
        gaps: [
          gap('salt-reduction', 'technology', '减盐增鲜配料', 4, '减盐后风味下降，鲜味协同配料研究不足。'),
          gap('enzyme-supply', 'supplier', '特种酶制剂', 3, '发酵用特种酶制剂依赖进口。'),
        ],
      },
      {
        code: 'seasoning',
        name: '调味品酿造',
        nameEn: 'Seasoning brewing',
        stage: 'midstream',
        industryCodes: ['C1462', 'C146', 'C1469'],
        description: '酱油、蚝油、醋、复合调味料的酿造与风味控制，高明、三水是主要产区。',
        keywords: ['调味品', 'seasoning', '酱油', 'soy sauce', '蚝油', '酿造', '发酵', 'fermentation', '菌种', '米曲霉', '风味物质', '氨基酸态氮', '晒池', '复合调味料'],
        gaps: [
          gap('strain-breeding', 'technology', '发酵菌种选育', 4, '优良菌种选育和风味形成机理研究不足。'),
          gap('fermentation-digital', 'technology', '发酵过程数字化控制', 3, '大池发酵过程依赖经验，数据化程度低。', 'in_progress'),
        ],
      },
      {
        code: 'beverage',
        name: '饮料',
        nameEn: 'Beverages',
        stage: 'midstream',
        industryCodes: ['C152', 'C1529', 'C1513'],
        description: '运动饮料、茶饮料、植物蛋白饮料、啤酒等，三水是本地重要的饮料产区。',
        keywords: ['饮料', 'beverage', '运动饮料', '电解质', '茶饮料', '植物蛋白饮料', '啤酒', '无糖', '减糖', '货架期', '沉淀', '风味稳定', '无菌灌装', 'UHT'],
        gaps: [
          gap('sugar-reduction', 'technology', '减糖与口感平衡', 3, '代糖后口感发苦、后味重。'),
          gap('shelf-stability', 'technology', '植物蛋白饮料货架期稳定', 3, '货架期内出现沉淀、分层。'),
        ],
      },
      {
        code: 'processing-equipment',
        name: '食品装备',
        nameEn: 'Food processing equipment',
        stage: 'midstream',
        industryCodes: ['C3531'],
        description: '发酵罐、杀菌、灌装与中央厨房设备，要求卫生设计和智能化。',
        keywords: ['食品机械', 'food machinery', '灌装机', '杀菌设备', '发酵罐', 'CIP', '卫生设计', 'hygienic design', '中央厨房', '预制菜设备', '视觉检测', '自动化', '304不锈钢'],
        gaps: [
          gap('hygienic-design', 'technology', '卫生级设计与CIP验证', 3, '设备清洁死角多，出口认证难。'),
        ],
      },
      {
        code: 'packaging',
        name: '食品包装',
        nameEn: 'Food packaging',
        stage: 'midstream',
        industryCodes: ['C2231', 'C2926', 'C2921'],
        description: '瓶、罐、软包装与纸包装，关注阻隔、轻量化与可回收。',
        keywords: ['食品包装', 'packaging', 'PET瓶', '轻量化', '阻隔', '高阻隔膜', '软包装', '可降解', 'PLA', '可回收', '迁移', '标签', '吹瓶'],
        gaps: [
          gap('mono-material', 'technology', '单一材质可回收高阻隔包装', 3, '多层复合包装难回收，单材质阻隔不足。'),
        ],
      },
      {
        code: 'cold-chain',
        name: '冷链物流',
        nameEn: 'Cold-chain logistics',
        stage: 'downstream',
        industryCodes: ['G593', 'G54'],
        description: '冷库、冷藏运输与温度监控，服务水产、预制菜和饮料配送。',
        keywords: ['冷链', 'cold chain', '冷库', '冷藏车', '温控', '温度监控', '预制菜', '断链', '追溯', '能耗', '保温箱', '最后一公里'],
        gaps: [
          gap('temperature-monitoring', 'technology', '全程温度监控与断链预警', 3, '中小冷链企业温度数据不连续。'),
        ],
      },
      {
        code: 'food-safety',
        name: '食品安全检测',
        nameEn: 'Food safety testing',
        stage: 'downstream',
        industryCodes: ['M7452'],
        description: '农残兽残、微生物、重金属与非法添加快速检测，以及HACCP体系。',
        keywords: ['食品安全', 'food safety', '快速检测', '农残', '兽残', '微生物', '重金属', 'HACCP', 'ISO 22000', '液相色谱', 'LC-MS', '致病菌', '过敏原'],
        gaps: [
          gap('rapid-testing', 'technology', '现场快速检测方法', 3, '快检方法灵敏度和准确性不足。'),
          gap('haccp-talent', 'talent', '食品安全体系人才', 2, '中小食品企业缺少懂HACCP的质量人员。', 'closed'),
        ],
      },
    ]),
    links: links('food', [
      ['agri-raw', 'seasoning', '大豆小麦'],
      ['agri-raw', 'beverage'],
      ['agri-raw', 'ingredients'],
      ['ingredients', 'seasoning'],
      ['ingredients', 'beverage'],
      ['processing-equipment', 'seasoning'],
      ['processing-equipment', 'beverage'],
      ['packaging', 'seasoning'],
      ['packaging', 'beverage'],
      ['seasoning', 'cold-chain'],
      ['beverage', 'cold-chain'],
      ['seasoning', 'food-safety'],
      ['beverage', 'food-safety'],
      ['cold-chain', 'food-safety', '流通环节抽检'],
    ]),
  },
];

/** Every node id of the demo chains, for validating references elsewhere in the seed. */
export const NODE_IDS: readonly string[] = CHAINS.flatMap((c) => c.nodes.map((n) => n.id));
