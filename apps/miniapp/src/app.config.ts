export default defineAppConfig({
  // The first page is the launch page: it waits for the silent login and routes on from there.
  pages: ['pages/login/index', 'pages/me/index', 'pages/profile/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: 'wxlogin',
    navigationBarTextStyle: 'black',
    // WeChat's default; Taro's H5 build draws its title bar and back button only when it is set.
    navigationStyle: 'default',
  },
});
