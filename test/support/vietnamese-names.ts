/** Names in the order of a Vietnamese list: by given name, then middle names, then family name. */
export const VIETNAMESE_ORDER: readonly string[] = [
  'Nguyễn Văn An',
  'Hà Thị Anh',
  'Ngô Văn Anh',
  'Hoàng Văn Ánh',
  'Lê Thị Ân',
  'Đặng Thị Bình',
  'Đinh Văn Bình',
  'Hà Văn Cường',
  'Hoàng Văn Cường',
  'Trần Văn Dũng',
  'Phạm Văn Đức',
  'Đặng Văn Hùng',
  'Ngô Văn Hùng',
  'Lý Thị Yến',
];
