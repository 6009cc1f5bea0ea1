import type { Translation } from '../../common/i18n.js';
import type problemsEn from './problems.en.js';

/** Owner-facing API errors in Simplified Chinese; see problems.en.ts. */
const problemsZhCN: Translation<typeof problemsEn> = {
  'problem.withDetail': '{text}：{detail}',
  'problem.UNAUTHORIZED': '登录已过期，请重新登录。',
  'problem.FORBIDDEN': '只有管理员可以执行此操作。',
  'problem.SHARE_NOT_FOUND': '该链接不存在，或不属于你。',
  'problem.REQUEST_NOT_FOUND': '该上传链接不存在，或不属于你。',
  'problem.ADMIN_SENDER_ENFORCED': '邮件统一从管理员设置的地址发出，此处无法更改。',
  'problem.EMAIL_DISABLED': '此 ShareLink 不发送邮件：请移除收件人和下载提醒，自行发送链接。',
  'problem.SENDER_NOT_ALLOWED': '此地址无法为本 ShareLink 发送邮件：请使用管理员配置的域名下的地址。',
  'problem.SENDER_NOT_VERIFIED': '请先验证此地址：ShareLink 会向它发送验证码，只有邮箱的主人才能将其用作发件地址。',
  'problem.SENDER_CODE_INVALID': '验证码无效：请输入最新一封邮件中的验证码，或重新发送。',
  'problem.NOTIFICATION_SENDER_NOT_CONFIGURED': '尚未配置发件地址：请在个人设置中设置，或请管理员设置系统发件地址。',
  'problem.EMAIL_LIMIT_REACHED': '今天可发送邮件的合作伙伴数量已达上限；计数在 UTC 时间 00:00 重置。',
  'problem.CONFLICT': '当前状态下无法完成此操作',
  'problem.VALIDATION_FAILED': '请检查输入的内容',
  'problem.POLICY_VIOLATION': '你所在组织的策略不允许此操作',
  'problem.NOT_FOUND': '该项目已不存在',
  'problem.FILE_NOT_FOUND': '该文件已不存在',
  'problem.PAYLOAD_TOO_LARGE': '内容过大',
};

export default problemsZhCN;
