import type { Translation } from '../i18n.js';
import type en from './en.js';

const zhCN: Translation<typeof en> = {
  'common.brand': 'ShareLink',
  'common.close': '关闭',
  'common.copied': '已复制',
  'common.copyByHand': '请按 Ctrl+C 复制',
  'common.tryAgain': '重试',
  'common.loadMore': '加载更多',
  'common.loading': '正在加载…',
  'common.error.unexpected': '发生了意外错误，请重试。',
  'common.error.server': '服务器出错了，请重试。',
  'common.error.httpStatus': '请求失败（HTTP {status}）。',
  'error.NETWORK_ERROR': '无法连接到服务器。请检查网络连接后重试。',
  'error.UPLOAD_FAILED': '上传中断。请检查网络连接后重试。',
  'error.UPLOAD_CANCELLED': '上传已取消。',
  'error.INTERNAL_ERROR': '服务器出错了，请重试。',
  'error.WRONG_PASSWORD': '密码错误，请检查后重试。',
  'error.TOO_MANY_ATTEMPTS': { other: '尝试次数过多，请在 {count} 分钟后重试。' },
  'error.INVALID_TOKEN': '你对此链接的访问已结束。请重新打开链接以继续。',
};

export default zhCN;
